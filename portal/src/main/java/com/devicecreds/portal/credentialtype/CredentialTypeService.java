package com.devicecreds.portal.credentialtype;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.Actor;
import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.OperatorRef;
import com.devicecreds.access.Roles;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.audit.AuditLog;
import com.devicecreds.audit.AuditOutcome;
import com.devicecreds.audit.AuditRecord;
import com.devicecreds.portal.change.ChangeProposal;
import com.devicecreds.portal.change.ChangeRefusedException;
import com.devicecreds.portal.change.ChangeRequest;
import com.devicecreds.portal.change.ConfigChangeService;
import com.devicecreds.portal.typeversion.SettingChange;
import com.devicecreds.portal.typeversion.TypeVersions;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Credential types: their settings, version history and per-operator certificate templates
 * (decision 021). Creating a type and changing any security-relevant setting go through dual control
 * ({@link ConfigChangeService}); only the display name changes at once. Every applied change moves
 * the type to its next version with old → new per setting. Operator staff read the types of their
 * own operator.
 */
@Service
public class CredentialTypeService {

    static final String CREATE = "credential-type-create";
    static final String CHANGE = "credential-type-change";
    static final String TEMPLATE = "certificate-template-set";
    static final String OLD = "old.";
    static final String NEW = "new.";

    private final TypeRows rows;
    private final ConfigChangeService changes;
    private final TypeVersions versions;
    private final TypeChanges handler;
    private final CurrentActor currentActor;
    private final AuditLog auditLog;
    private final Clock clock;

    CredentialTypeService(TypeRows rows, ConfigChangeService changes, TypeVersions versions, TypeChanges handler,
            CurrentActor currentActor,
            AuditLog auditLog, Clock clock) {
        this.rows = rows;
        this.changes = changes;
        this.versions = versions;
        this.handler = handler;
        this.currentActor = currentActor;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /** The types the caller may see, by name. */
    @RolesAllowed({Roles.ADMIN, Roles.PKI_OPS, Roles.AUDITOR, Roles.PROJECT_MANAGER, Roles.OPERATOR_STAFF})
    @Transactional(readOnly = true)
    public List<TypeSummary> types() {
        return rows.list(currentActor.scope());
    }

    /** One type; empty when there is none or the caller may not see it. */
    @RolesAllowed({Roles.ADMIN, Roles.PKI_OPS, Roles.AUDITOR, Roles.PROJECT_MANAGER, Roles.OPERATOR_STAFF})
    @Transactional(readOnly = true)
    public Optional<CredentialType> type(int id) {
        return rows.find(currentActor.scope(), id, false);
    }

    /** The kinds, device-ID kinds and operators a type's settings choose from. */
    @RolesAllowed({Roles.ADMIN, Roles.PKI_OPS, Roles.AUDITOR, Roles.PROJECT_MANAGER, Roles.OPERATOR_STAFF})
    @Transactional(readOnly = true)
    public TypeCatalogue catalogue() {
        return rows.catalogue(currentActor.scope());
    }

    /** The type's applied changes, newest version first (operator staff: type-wide and their own operator's). */
    @RolesAllowed({Roles.ADMIN, Roles.PKI_OPS, Roles.AUDITOR, Roles.PROJECT_MANAGER, Roles.OPERATOR_STAFF})
    @Transactional(readOnly = true)
    public List<HistoryEntry> history(int id) {
        return rows.visible(currentActor.scope(), id) ? rows.history(currentActor.scope(), id, 500) : List.of();
    }

    /** The operators authorized for the type, with their certificate templates (online-issued types use them). */
    @RolesAllowed({Roles.ADMIN, Roles.PKI_OPS, Roles.AUDITOR, Roles.PROJECT_MANAGER, Roles.OPERATOR_STAFF})
    @Transactional(readOnly = true)
    public List<OperatorTemplate> templates(int id) {
        return rows.visible(currentActor.scope(), id) ? rows.templates(currentActor.scope(), id) : List.of();
    }

    /** Pending change requests of the type, its authorizations and templates, oldest first. */
    @RolesAllowed({Roles.ADMIN, Roles.PKI_OPS, Roles.AUDITOR, Roles.PROJECT_MANAGER, Roles.OPERATOR_STAFF})
    @Transactional(readOnly = true)
    public List<ChangeRequest> pending(int id) {
        return rows.find(currentActor.scope(), id, false).map(type -> changes.pending().stream()
                .filter(r -> r.target().equals(type.target()) || r.target().startsWith(type.target() + "/")).toList())
                .orElse(List.of());
    }

    /** Pending requests to create a type. */
    @RolesAllowed({Roles.ADMIN, Roles.PKI_OPS, Roles.AUDITOR, Roles.PROJECT_MANAGER, Roles.OPERATOR_STAFF})
    @Transactional(readOnly = true)
    public List<ChangeRequest> pendingCreations() {
        return changes.pending().stream().filter(r -> r.kind().equals(CREATE)).toList();
    }

    /** Proposes a new type; it exists once someone else approves. Refused with every problem at once. */
    @RolesAllowed({Roles.ADMIN, Roles.PKI_OPS})
    @Transactional
    public ChangeRequest requestCreate(TypeSettings settings) {
        Actor actor = currentActor.actor();
        String target = CredentialType.target(settings.code());
        return refusalsAudited(actor, AuditAction.CONFIG_CHANGE_REQUESTED, CREATE, target, () -> {
            var problems = settings.problems(rows.catalogue(actor.scope()));
            if (rows.codeTaken(settings.code())) {
                problems.add("A credential type with the code '" + settings.code() + "' exists already.");
            } else if (rows.codeProposed(settings.code())) {
                problems.add("A new type with the code '" + settings.code() + "' is waiting for approval already.");
            }
            refuseIf(problems);
            String summary = "Create credential type " + settings.code() + " (" + settings.name() + "): "
                    + Choice.label(Choice.BINDING_MODES, settings.bindingMode()).toLowerCase(Locale.ROOT)
                    + ", " + settings.owner().map(o -> "owned by " + o.code()).orElse("shared");
            return changes.request(new ChangeProposal(CREATE, settings.owner(), target, summary, settings.toFields(NEW)));
        });
    }

    /**
     * Applies an edit made against {@code seen}: a new name at once (audited, versioned); any other
     * setting as a change request for a second person. Refused, with every problem, when the type
     * changed since {@code seen}, or when settings are invalid or fixed by use.
     */
    @RolesAllowed({Roles.ADMIN, Roles.PKI_OPS})
    @Transactional
    public EditOutcome edit(int id, TypeSettings seen, TypeSettings wanted) {
        Actor actor = currentActor.actor();
        var type = rows.find(actor.scope(), id, true)
                .orElseThrow(() -> new ChangeRefusedException("There is no credential type " + id + "."));
        TypeSettings now = type.settings();
        // An edit of the name alone is a rename (outside dual control); anything else is a change request.
        var attempted = wanted.securityRelevantChangeFrom(now) ? AuditAction.CONFIG_CHANGE_REQUESTED
                : AuditAction.CREDENTIAL_TYPE_RENAMED;
        String audited = attempted == AuditAction.CREDENTIAL_TYPE_RENAMED ? renameTarget(now) : type.target();
        return refusalsAudited(actor, attempted, CHANGE, audited, () -> {
            if (!now.equals(seen)) {
                throw new ChangeRefusedException("Someone changed this type since you opened it (now version " + type.version()
                        + "). Your entries are kept; compare them with the current settings and save again.");
            }
            if (!wanted.code().equals(now.code())) {
                throw new ChangeRefusedException("The code of a type never changes: devices and the provisioning service ask by it.");
            }
            var catalogue = rows.catalogue(actor.scope());
            var problems = wanted.problems(catalogue);
            problems.addAll(handler.fixedByUse(type, wanted));
            problems.addAll(handler.ownerProblems(type, wanted));
            refuseIf(problems);
            if (wanted.equals(now)) {
                throw new ChangeRefusedException("Nothing changed.");
            }
            boolean renamed = !wanted.name().equals(now.name());
            if (renamed) {
                versions.recordDirect(id, Optional.empty(), List.of(SettingChange.of("Name", now.name(), wanted.name())),
                        actor.username(), clock.instant());
                rows.update(id, now.withName(wanted.name()));
                auditLog.recordAfterCommit(AuditRecord.of(actor, AuditAction.CREDENTIAL_TYPE_RENAMED, AuditOutcome.SUCCESS,
                        renameTarget(now)).withDetail("old", now.name()).withDetail("new", wanted.name()));
            }
            Optional<ChangeRequest> request = Optional.empty();
            if (wanted.securityRelevantChangeFrom(now)) {
                var before = now.withName(wanted.name());
                var fields = new HashMap<String, String>(before.toFields(OLD));
                fields.putAll(wanted.toFields(NEW));
                fields.put("credentialType", Integer.toString(id));
                String summary = "Change " + now.code() + ": " + wanted.changesFrom(before, catalogue).stream()
                        .map(c -> c.setting() + " " + c.oldValue().orElse("–") + " → " + c.newValue().orElse("–"))
                        .collect(Collectors.joining("; "));
                request = Optional.of(changes.request(new ChangeProposal(CHANGE, now.owner(), type.target(), summary, fields)));
            }
            return new EditOutcome(renamed, request);
        });
    }

    /**
     * Proposes an operator's certificate template for an online-issued type, made against the template
     * the requester saw ({@code seen}, empty if none).
     */
    @RolesAllowed({Roles.ADMIN, Roles.PKI_OPS})
    @Transactional
    public ChangeRequest requestTemplate(int id, OperatorRef operator, Optional<CertificateTemplate> seen,
            CertificateTemplate wanted) {
        Actor actor = currentActor.actor();
        var type = rows.find(actor.scope(), id, true)
                .orElseThrow(() -> new ChangeRefusedException("There is no credential type " + id + "."));
        String target = type.target() + "/operator/" + operator.code();
        return refusalsAudited(actor, AuditAction.CONFIG_CHANGE_REQUESTED, TEMPLATE, target, () -> {
            var current = rows.template(actor.scope(), id, operator.id());
            var problems = wanted.problems();
            if (!type.settings().issuedOnline()) {
                problems.add(0, "Only online-issued types make certificates from a template.");
            }
            if (current.isEmpty()) {
                problems.add(0, "Operator " + operator.code() + " is not authorized for " + type.settings().code() + ".");
            } else if (!current.get().template().equals(seen)) {
                problems.add(0, "Someone changed this template since you opened it; compare and save again.");
            }
            refuseIf(problems);
            var changed = wanted.changesFrom(seen);
            if (changed.isEmpty()) {
                throw new ChangeRefusedException("Nothing changed.");
            }
            var fields = new HashMap<String, String>(wanted.toFields(NEW));
            seen.ifPresent(t -> fields.putAll(t.toFields(OLD)));
            fields.put("credentialType", Integer.toString(id));
            fields.put("operator", Short.toString(operator.id()));
            fields.put("operatorCode", operator.code());
            String summary = "Certificate template of " + operator.code() + " for " + type.settings().code() + ": "
                    + changed.stream().map(c -> c.setting().replace("Certificate ", "") + " " + c.oldValue().orElse("–") + " → "
                            + c.newValue().orElse("–")).collect(Collectors.joining("; "));
            return changes.request(new ChangeProposal(TEMPLATE, Optional.of(operator), target, summary, fields));
        });
    }

    /** What an edit did: renamed at once, and the request for the rest (if any). */
    public record EditOutcome(boolean renamed, Optional<ChangeRequest> request) {
    }


    private static String renameTarget(TypeSettings type) {
        return "credential-type:" + type.code();
    }

    /** Runs a request; a refusal is audited as a failed attempt of {@code action} (in a transaction of its own) and rethrown. */
    private <T> T refusalsAudited(Actor actor, AuditAction action, String kind, String target, Supplier<T> request) {
        try {
            return request.get();
        } catch (ChangeRefusedException e) {
            auditLog.record(AuditRecord.of(actor, action, AuditOutcome.FAILED, target).withDetail("kind", kind)
                    .withDetail("reason", e.getMessage()));
            throw e;
        }
    }

    private static void refuseIf(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new ChangeRefusedException(String.join(" ", problems));
        }
    }
}
