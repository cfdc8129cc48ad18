package com.devicecreds.portal.credentialtype;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.devicecreds.access.Actor;
import com.devicecreds.access.OperatorRef;
import com.devicecreds.access.OperatorScope;
import com.devicecreds.portal.change.ChangeHandler;
import com.devicecreds.portal.change.ChangeRefusedException;
import com.devicecreds.portal.change.ChangeRequest;
import com.devicecreds.portal.typeversion.SettingChange;
import com.devicecreds.portal.typeversion.TypeVersions;
import org.springframework.stereotype.Component;

/**
 * Applies approved credential type changes in the approver's transaction, after checking them again
 * against the type as it is now: a change made against settings that have moved since is refused,
 * never merged (decision 021).
 */
@Component
class TypeChanges implements ChangeHandler {

    private static final String MOVED = "The type's settings changed since this request was made; ask for the change again.";

    private final TypeRows rows;
    private final TypeVersions versions;
    private final Clock clock;

    TypeChanges(TypeRows rows, TypeVersions versions, Clock clock) {
        this.rows = rows;
        this.versions = versions;
        this.clock = clock;
    }

    @Override
    public Set<String> kinds() {
        return Set.of(CredentialTypeService.CREATE, CredentialTypeService.CHANGE, CredentialTypeService.TEMPLATE);
    }

    @Override
    public void apply(ChangeRequest request, Map<String, String> proposed, Actor approver) {
        Instant now = clock.instant();
        switch (request.kind()) {
            case CredentialTypeService.CREATE -> create(request, TypeSettings.fromFields(proposed, CredentialTypeService.NEW),
                    approver, now);
            case CredentialTypeService.CHANGE -> change(request, proposed, approver, now);
            default -> template(request, proposed, approver, now);
        }
    }

    private void create(ChangeRequest request, TypeSettings settings, Actor approver, Instant now) {
        var catalogue = rows.catalogue(OperatorScope.all());
        var problems = new ArrayList<>(settings.problems(catalogue));
        if (rows.codeTaken(settings.code())) {
            problems.add("A credential type with the code '" + settings.code() + "' exists already.");
        }
        refuseIf(problems);
        int id = rows.insert(settings, now);
        // An operator's own type is authorized for its owner (V3).
        settings.owner().ifPresent(owner -> rows.authorizeOwner(id, owner, now));
        var created = new ArrayList<SettingChange>();
        created.add(SettingChange.of("Created", null, settings.code()));
        settings.described(catalogue).forEach((setting, value) -> created.add(SettingChange.of(setting, null, value)));
        versions.recordCreated(id, created, request, approver.username(), now);
    }

    private void change(ChangeRequest request, Map<String, String> proposed, Actor approver, Instant now) {
        int id = Integer.parseInt(proposed.get("credentialType"));
        var type = rows.find(OperatorScope.all(), id, true).orElseThrow(() -> new ChangeRefusedException("The type no longer exists."));
        var before = TypeSettings.fromFields(proposed, CredentialTypeService.OLD);
        var wanted = TypeSettings.fromFields(proposed, CredentialTypeService.NEW);
        // The name is outside dual control and may have been changed meanwhile: keep the current one.
        var current = type.settings();
        if (!current.withName(before.name()).equals(before)) {
            throw new ChangeRefusedException(MOVED);
        }
        wanted = wanted.withName(current.name());
        var catalogue = rows.catalogue(OperatorScope.all());
        var problems = new ArrayList<>(wanted.problems(catalogue));
        problems.addAll(fixedByUse(type, wanted));
        problems.addAll(ownerProblems(type, wanted));
        refuseIf(problems);
        rows.update(id, wanted);
        versions.recordApproved(id, Optional.empty(), wanted.changesFrom(current, catalogue), request, approver.username(), now);
    }

    private void template(ChangeRequest request, Map<String, String> proposed, Actor approver, Instant now) {
        int id = Integer.parseInt(proposed.get("credentialType"));
        var operator = new OperatorRef(Short.parseShort(proposed.get("operator")), proposed.get("operatorCode"));
        var type = rows.find(OperatorScope.all(), id, true).orElseThrow(() -> new ChangeRefusedException("The type no longer exists."));
        if (!type.settings().issuedOnline()) {
            throw new ChangeRefusedException("The type is no longer issued online.");
        }
        var current = rows.template(OperatorScope.all(), id, operator.id())
                .orElseThrow(() -> new ChangeRefusedException("Operator " + operator.code() + " is no longer authorized for the type."));
        var before = CertificateTemplate.fromFields(proposed, CredentialTypeService.OLD);
        if (!current.template().equals(before)) {
            throw new ChangeRefusedException("The template changed since this request was made; ask for the change again.");
        }
        var wanted = CertificateTemplate.fromFields(proposed, CredentialTypeService.NEW).orElseThrow();
        refuseIf(wanted.problems());
        rows.saveTemplate(id, operator.id(), wanted, request.requestedBy(), approver.username(), request.id(), now);
        versions.recordApproved(id, Optional.of(operator), wanted.changesFrom(before), request, approver.username(), now);
    }

    List<String> fixedByUse(CredentialType type, TypeSettings wanted) {
        var fixed = wanted.structuralChangesFrom(type.settings());
        return type.inUse() && !fixed.isEmpty()
                ? List.of("Batches, list parts or rollouts of this type exist, so its " + String.join(", ", fixed)
                        + " cannot change. Create a new type instead.")
                : List.of();
    }

    List<String> ownerProblems(CredentialType type, TypeSettings wanted) {
        return wanted.owner().filter(o -> !wanted.owner().equals(type.settings().owner()))
                .filter(o -> !rows.authorized(type.id(), o.id()))
                .map(o -> List.of("Authorize " + o.code() + " for this type before making it the owner."))
                .orElse(List.of());
    }

    private static void refuseIf(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new ChangeRefusedException(String.join(" ", problems));
        }
    }
}
