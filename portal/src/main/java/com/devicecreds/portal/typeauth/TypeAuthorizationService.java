package com.devicecreds.portal.typeauth;

import static com.devicecreds.portal.typeauth.TypeAuthorizationChanges.GRANT;
import static com.devicecreds.portal.typeauth.TypeAuthorizationChanges.MODELS;
import static com.devicecreds.portal.typeauth.TypeAuthorizationChanges.REVOKE;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.Actor;
import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.OperatorDirectory.OperatorSummary;
import com.devicecreds.access.OperatorRef;
import com.devicecreds.access.OperatorScope;
import com.devicecreds.access.Roles;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.audit.AuditLog;
import com.devicecreds.audit.AuditOutcome;
import com.devicecreds.audit.AuditRecord;
import com.devicecreds.portal.change.ChangeProposal;
import com.devicecreds.portal.change.ChangeRefusedException;
import com.devicecreds.portal.change.ChangeRequest;
import com.devicecreds.portal.change.ConfigChangeService;
import com.devicecreds.portal.typeauth.TypeAuthorizationRows.TypeRow;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Authorization rules per credential type (decision 022): which operators may request the type, which
 * of their device models, and their authorized list parts. Granting, revoking and changing models go
 * through dual control ({@link ConfigChangeService}); registering a device model in the catalogue is
 * direct and audited, and authorizes nothing. Operator staff read their own operator's rules only.
 */
@Service
public class TypeAuthorizationService {

    private final TypeAuthorizationRows rows;
    private final TypeAuthorizationChanges rules;
    private final ConfigChangeService changes;
    private final CurrentActor currentActor;
    private final AuditLog auditLog;
    private final Clock clock;

    TypeAuthorizationService(TypeAuthorizationRows rows, TypeAuthorizationChanges rules, ConfigChangeService changes,
            CurrentActor currentActor, AuditLog auditLog, Clock clock) {
        this.rows = rows;
        this.rules = rules;
        this.changes = changes;
        this.currentActor = currentActor;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /**
     * The type's authorizations of the operators in the caller's scope, in force first; empty when the
     * type does not exist or, for operator staff, is neither their operator's nor authorized for it.
     */
    @RolesAllowed({Roles.ADMIN, Roles.PKI_OPS, Roles.AUDITOR, Roles.PROJECT_MANAGER, Roles.OPERATOR_STAFF})
    @Transactional(readOnly = true)
    public Optional<TypeAuthorizations> authorizations(int credentialTypeId) {
        OperatorScope scope = currentActor.scope();
        var type = rows.type(credentialTypeId);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        var operators = rows.authorizations(credentialTypeId, scope.operatorIdOrNull());
        boolean visible = scope.operator().isEmpty() || !operators.isEmpty()
                || type.get().owner().filter(o -> scope.permits(o.id())).isPresent();
        return visible ? Optional.of(new TypeAuthorizations(type.get().id(), type.get().code(), type.get().name(),
                type.get().owner(), type.get().idListRequired(), operators)) : Optional.empty();
    }

    /** The operator's authorized list parts of the type, in order; empty for an operator outside the caller's scope. */
    @RolesAllowed({Roles.ADMIN, Roles.PKI_OPS, Roles.AUDITOR, Roles.PROJECT_MANAGER, Roles.OPERATOR_STAFF})
    @Transactional(readOnly = true)
    public List<ListPart> listParts(int credentialTypeId, OperatorRef operator) {
        return currentActor.scope().permits(operator.id()) ? rows.listParts(credentialTypeId, operator.id()) : List.of();
    }

    /** The device model catalogue, by manufacturer and name. */
    @RolesAllowed({Roles.ADMIN, Roles.PKI_OPS, Roles.AUDITOR, Roles.PROJECT_MANAGER, Roles.OPERATOR_STAFF})
    @Transactional(readOnly = true)
    public List<DeviceModel> deviceModels() {
        return rows.models();
    }

    /** The operators that can be authorized for the type: never authorized, or revoked. */
    @RolesAllowed({Roles.ADMIN, Roles.PKI_OPS})
    @Transactional(readOnly = true)
    public List<OperatorSummary> authorizableOperators(int credentialTypeId) {
        return rows.authorizable(credentialTypeId);
    }

    /**
     * Registers a device model in the catalogue at once, audited; it authorizes nothing. Refused, with
     * every problem in the message, for a blank or too long name and for a model the catalogue has
     * (case aside).
     */
    @RolesAllowed({Roles.ADMIN, Roles.PKI_OPS})
    @Transactional
    public DeviceModel registerDeviceModel(String manufacturer, String name) {
        Actor actor = currentActor.actor();
        String maker = manufacturer == null ? "" : manufacturer.strip();
        String model = name == null ? "" : name.strip();
        var record = AuditRecord.of(actor, AuditAction.DEVICE_MODEL_REGISTERED, AuditOutcome.SUCCESS, "device-model:" + maker
                + "/" + model).withDetail("manufacturer", maker).withDetail("name", model);
        var problems = new ArrayList<String>();
        if (maker.isEmpty() || maker.length() > 100) {
            problems.add("Give the manufacturer (at most 100 characters).");
        }
        if (model.isEmpty() || model.length() > 100) {
            problems.add("Give the model's name (at most 100 characters).");
        }
        if (problems.isEmpty()) {
            rows.modelNamed(maker, model).ifPresent(existing -> problems.add(existing.label() + " is in the catalogue already."));
        }
        if (!problems.isEmpty()) {
            String message = String.join(" ", problems);
            auditLog.record(new AuditRecord(actor, record.action(), AuditOutcome.FAILED, record.target(), record.details())
                    .withDetail("reason", message));
            throw new ChangeRefusedException(message);
        }
        var registered = rows.register(maker, model, actor.username(), clock.instant());
        auditLog.recordAfterCommit(new AuditRecord(actor, record.action(), record.outcome(), "device-model:" + registered.id(),
                record.details()));
        return registered;
    }

    /**
     * Proposes authorizing the operator for the type with these device models (authorizing a revoked
     * operator again sets its models to these). Refused, audited as a failed request, with every problem
     * in the message.
     */
    @RolesAllowed({Roles.ADMIN, Roles.PKI_OPS})
    @Transactional
    public ChangeRequest requestGrant(int credentialTypeId, OperatorRef operator, Set<Integer> modelIds) {
        return propose(GRANT, credentialTypeId, operator, (type, who) -> {
            var grant = rows.grant(type.id(), who.ref().id(), false);
            var problems = rules.grantProblems(type, who, grant, modelIds);
            var names = rows.models(modelIds).values().stream().map(DeviceModel::label).toList();
            String summary = (grant.isPresent() ? "Authorize " + who.name() + " again for " : "Authorize " + who.name() + " for ")
                    + type.name() + " with " + count(names.size(), "model") + ": " + String.join(", ", names);
            return new Draft(problems, summary, Map.of("models", TypeAuthorizationChanges.ids(modelIds)));
        });
    }

    /** Proposes revoking the operator's authorization for the type, with a reason; refused for the owning operator. */
    @RolesAllowed({Roles.ADMIN, Roles.PKI_OPS})
    @Transactional
    public ChangeRequest requestRevoke(int credentialTypeId, OperatorRef operator, String reason) {
        String why = reason == null ? "" : reason.strip();
        return propose(REVOKE, credentialTypeId, operator, (type, who) -> new Draft(
                rules.revokeProblems(type, who, rows.grant(type.id(), who.ref().id(), false), why),
                "Revoke " + who.name() + " for " + type.name() + ": " + why, Map.of("reason", why)));
    }

    /** Proposes adding and removing device models of an operator authorized for the type. */
    @RolesAllowed({Roles.ADMIN, Roles.PKI_OPS})
    @Transactional
    public ChangeRequest requestModelChange(int credentialTypeId, OperatorRef operator, Set<Integer> add, Set<Integer> remove) {
        return propose(MODELS, credentialTypeId, operator, (type, who) -> {
            var problems = rules.modelProblems(type, who, rows.grant(type.id(), who.ref().id(), false), add, remove);
            var parts = new ArrayList<String>();
            if (!add.isEmpty()) {
                parts.add("add " + labels(add));
            }
            if (!remove.isEmpty()) {
                parts.add("remove " + labels(remove));
            }
            return new Draft(problems, "Change " + who.name() + "'s device models for " + type.name() + ": "
                    + String.join("; ", parts), Map.of("add", TypeAuthorizationChanges.ids(add),
                    "remove", TypeAuthorizationChanges.ids(remove)));
        });
    }

    /** What a request proposes, once checked: its problems (none to go ahead), summary and own fields. */
    private record Draft(List<String> problems, String summary, Map<String, String> fields) {
    }

    private ChangeRequest propose(String kind, int typeId, OperatorRef operator, BiFunction<TypeRow, OperatorSummary, Draft> draft) {
        Actor actor = currentActor.actor();
        var type = rows.type(typeId);
        String target = target(type.map(TypeRow::code).orElse(Integer.toString(typeId)), operator.code());
        try {
            var who = rows.operator(operator.id()).filter(o -> o.ref().code().equals(operator.code()))
                    .orElseThrow(() -> new ChangeRefusedException("There is no operator " + operator.code() + "."));
            if (type.isEmpty()) {
                throw new ChangeRefusedException("There is no credential type " + typeId + ".");
            }
            var proposal = draft.apply(type.get(), who);
            var problems = new ArrayList<>(proposal.problems());
            rows.pending(target).ifPresent(pending -> problems.add("A change of " + who.name() + "'s authorization for "
                    + type.get().name() + " waits for a decision already (" + pending + "): decide on it or withdraw it first."));
            TypeAuthorizationChanges.refuse(problems);
            var fields = new java.util.HashMap<>(proposal.fields());
            fields.put("credentialType", Integer.toString(typeId));
            fields.put("operator", Short.toString(operator.id()));
            return changes.request(new ChangeProposal(kind, Optional.of(who.ref()), target, proposal.summary(), fields));
        } catch (ChangeRefusedException e) {
            auditLog.record(AuditRecord.of(actor, AuditAction.CONFIG_CHANGE_REQUESTED, AuditOutcome.FAILED, target)
                    .withDetail("kind", kind).withDetail("reason", e.getMessage()));
            throw e;
        }
    }

    /** The change request target of an operator's authorization for a type; the type's page lists {@code type/<code>}. */
    static String target(String typeCode, String operatorCode) {
        return "type/" + typeCode + "/operator/" + operatorCode;
    }

    private String labels(Set<Integer> ids) {
        var names = rows.models(ids);
        return ids.stream().map(id -> Optional.ofNullable(names.get(id)).map(DeviceModel::label).orElse("model " + id))
                .collect(Collectors.joining(", "));
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
