package com.devicecreds.portal.typeauth;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.devicecreds.access.Actor;
import com.devicecreds.access.OperatorDirectory.OperatorSummary;
import com.devicecreds.portal.change.ChangeHandler;
import com.devicecreds.portal.change.ChangeRefusedException;
import com.devicecreds.portal.change.ChangeRequest;
import com.devicecreds.portal.typeversion.SettingChange;
import com.devicecreds.portal.typeversion.TypeVersions;
import com.devicecreds.portal.typeauth.TypeAuthorizationRows.Grant;
import com.devicecreds.portal.typeauth.TypeAuthorizationRows.TypeRow;
import org.springframework.stereotype.Component;

/**
 * The rules of type and model authorizations, checked when a change is requested and again when it is
 * approved (decision 022), and the approved changes applied in the approver's transaction: the type
 * locked and moved to its next version, one history row per operator state or model that changed.
 */
@Component
class TypeAuthorizationChanges implements ChangeHandler {

    static final String GRANT = "type-authorization-grant";
    static final String REVOKE = "type-authorization-revoke";
    static final String MODELS = "model-authorization-change";
    static final String AUTHORIZED_OPERATOR = "Authorized operator";
    static final String AUTHORIZED = "authorized";

    private final TypeAuthorizationRows rows;
    private final TypeVersions versions;
    private final Clock clock;

    TypeAuthorizationChanges(TypeAuthorizationRows rows, TypeVersions versions, Clock clock) {
        this.rows = rows;
        this.versions = versions;
        this.clock = clock;
    }

    @Override
    public Set<String> kinds() {
        return Set.of(GRANT, REVOKE, MODELS);
    }

    @Override
    public void apply(ChangeRequest request, Map<String, String> proposed, Actor approver) {
        int typeId = Integer.parseInt(proposed.get("credentialType"));
        short operatorId = Short.parseShort(proposed.get("operator"));
        if (versions.lock(typeId).isEmpty()) {
            throw new ChangeRefusedException("The credential type no longer exists.");
        }
        TypeRow type = rows.type(typeId).orElseThrow();
        OperatorSummary operator = rows.operator(operatorId)
                .orElseThrow(() -> new ChangeRefusedException("The operator no longer exists."));
        Optional<Grant> grant = rows.grant(typeId, operatorId, true);
        Instant now = clock.instant();
        String by = request.requestedBy();
        var history = new ArrayList<SettingChange>();
        switch (request.kind()) {
            case GRANT -> {
                Set<Integer> models = ids(proposed.get("models"));
                refuse(grantProblems(type, operator, grant, models));
                Set<Integer> before = grant.map(Grant::models).orElse(Set.of());
                rows.authorize(typeId, operatorId, by, request.id(), now);
                history.add(SettingChange.of(AUTHORIZED_OPERATOR, grant.map(TypeAuthorizationChanges::revokedValue).orElse(null),
                        operator.name()));
                changeModels(type, operator, minus(models, before), minus(before, models), by, request.id(), now, history);
            }
            case REVOKE -> {
                String reason = proposed.get("reason");
                refuse(revokeProblems(type, operator, grant, reason));
                rows.revoke(typeId, operatorId, by, reason, request.id(), now);
                history.add(SettingChange.of(AUTHORIZED_OPERATOR, operator.name(), revokedValue(reason)));
            }
            case MODELS -> {
                Set<Integer> add = ids(proposed.get("add"));
                Set<Integer> remove = ids(proposed.get("remove"));
                refuse(modelProblems(type, operator, grant, add, remove));
                changeModels(type, operator, add, remove, by, request.id(), now, history);
            }
            default -> throw new ChangeRefusedException("Unknown kind " + request.kind());
        }
        versions.recordApproved(typeId, Optional.of(operator.ref()), history, request, approver.username(), now);
    }

    private void changeModels(TypeRow type, OperatorSummary operator, Set<Integer> add, Set<Integer> remove, String by,
            long requestId, Instant now, List<SettingChange> history) {
        var names = rows.models(union(add, remove));
        for (int id : add) {
            rows.addModel(type.id(), operator.ref().id(), id, by, requestId, now);
            history.add(SettingChange.of(modelSetting(names.get(id)), null, AUTHORIZED));
        }
        for (int id : remove) {
            rows.removeModel(type.id(), operator.ref().id(), id);
            history.add(SettingChange.of(modelSetting(names.get(id)), AUTHORIZED, null));
        }
    }

    List<String> grantProblems(TypeRow type, OperatorSummary operator, Optional<Grant> grant, Set<Integer> models) {
        var problems = new ArrayList<String>();
        if (grant.filter(g -> !g.revoked()).isPresent()) {
            problems.add(operator.name() + " is authorized for " + type.name() + " already.");
        }
        if (models.isEmpty()) {
            problems.add("Choose at least one device model: without one, every device of " + operator.name() + " is refused.");
        }
        problems.addAll(unknownModels(models));
        return problems;
    }

    List<String> revokeProblems(TypeRow type, OperatorSummary operator, Optional<Grant> grant, String reason) {
        var problems = new ArrayList<String>();
        if (grant.isEmpty()) {
            problems.add(operator.name() + " is not authorized for " + type.name() + ".");
        } else if (grant.get().revoked()) {
            problems.add(operator.name() + "'s authorization for " + type.name() + " was revoked already on "
                    + day(grant.get().revokedAt().orElseThrow()) + ".");
        }
        if (type.ownedBy(operator.ref().id())) {
            problems.add(operator.name() + " owns " + type.name() + ": the owning operator's authorization cannot be revoked.");
        }
        if (reason == null || reason.isBlank() || reason.strip().length() > 1000) {
            problems.add("Give a reason for the revocation (at most 1,000 characters).");
        }
        return problems;
    }

    List<String> modelProblems(TypeRow type, OperatorSummary operator, Optional<Grant> grant, Set<Integer> add,
            Set<Integer> remove) {
        var problems = new ArrayList<String>();
        if (grant.isEmpty()) {
            problems.add(operator.name() + " is not authorized for " + type.name() + ": authorize it with its models instead.");
            return problems;
        }
        if (grant.get().revoked()) {
            problems.add(operator.name() + "'s authorization for " + type.name() + " is revoked: authorize it again with its "
                    + "models instead.");
            return problems;
        }
        if (add.isEmpty() && remove.isEmpty()) {
            problems.add("Choose device models to add or to remove.");
        }
        var names = rows.models(union(add, remove));
        Set<Integer> current = grant.get().models();
        for (int id : add) {
            if (remove.contains(id)) {
                problems.add(label(names, id) + " cannot be added and removed at once.");
            } else if (current.contains(id)) {
                problems.add(label(names, id) + " is authorized for " + operator.name() + " already.");
            }
        }
        for (int id : remove) {
            if (!current.contains(id) && !add.contains(id)) {
                problems.add(label(names, id) + " is not authorized for " + operator.name() + ".");
            }
        }
        problems.addAll(unknownModels(add));
        var after = new TreeSet<>(current);
        after.addAll(add);
        after.removeAll(remove);
        if (!remove.isEmpty() && after.isEmpty()) {
            problems.add("This removes every device model of " + operator.name() + ": keep at least one, or revoke "
                    + operator.name() + " instead.");
        }
        return problems;
    }

    private List<String> unknownModels(Set<Integer> ids) {
        var known = rows.models(ids);
        return ids.stream().filter(id -> !known.containsKey(id)).map(id -> "Device model " + id + " is not in the catalogue.")
                .toList();
    }

    static void refuse(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new ChangeRefusedException(String.join(" ", problems));
        }
    }

    static String modelSetting(DeviceModel model) {
        return "Device model " + model.label();
    }

    static String revokedValue(Grant grant) {
        return grant.revokeReason().map(TypeAuthorizationChanges::revokedValue).orElse(null);
    }

    static String revokedValue(String reason) {
        return "Revoked: " + reason;
    }

    static String day(Instant at) {
        return at.toString().substring(0, 10);
    }

    private static String label(Map<Integer, DeviceModel> names, int id) {
        return Optional.ofNullable(names.get(id)).map(DeviceModel::label).orElse("Device model " + id);
    }

    static String ids(Collection<Integer> ids) {
        return ids.stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
    }

    static Set<Integer> ids(String text) {
        if (text == null || text.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(text.split(",")).map(Integer::valueOf).collect(Collectors.toCollection(TreeSet::new));
    }

    static Set<Integer> minus(Set<Integer> a, Set<Integer> b) {
        var result = new TreeSet<>(a);
        result.removeAll(b);
        return result;
    }

    private static Set<Integer> union(Set<Integer> a, Set<Integer> b) {
        var result = new TreeSet<>(a);
        result.addAll(b);
        return result;
    }
}
