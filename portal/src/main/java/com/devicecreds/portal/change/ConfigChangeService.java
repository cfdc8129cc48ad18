package com.devicecreds.portal.change;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.Actor;
import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.Roles;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.audit.AuditLog;
import com.devicecreds.audit.AuditOutcome;
import com.devicecreds.audit.AuditRecord;
import com.devicecreds.inventory.loading.approval.ApproverReauthentication;
import com.devicecreds.portal.PortalProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Configuration changes under dual control (decision 020): a change is requested, and applied only
 * when a second person approves it, in the approver's transaction, through the {@link ChangeHandler}
 * of its kind. The requester never decides on their own request, whatever their roles; the database
 * repeats that rule. Requests expire after {@code portal.config-changes.request-validity}.
 */
@Service
public class ConfigChangeService {

    private final ChangeRows rows;
    private final Map<String, ChangeHandler> handlers = new HashMap<>();
    private final CurrentActor currentActor;
    private final AuditLog auditLog;
    private final Clock clock;
    private final PortalProperties.ConfigChanges settings;
    private final ApproverReauthentication reauthentication;

    ConfigChangeService(ChangeRows rows, List<ChangeHandler> handlers, CurrentActor currentActor, AuditLog auditLog,
            Clock clock, PortalProperties properties, ApproverReauthentication reauthentication) {
        this.rows = rows;
        handlers.forEach(h -> h.kinds().forEach(kind -> this.handlers.put(kind, h)));
        this.currentActor = currentActor;
        this.auditLog = auditLog;
        this.clock = clock;
        this.settings = properties.configChanges();
        this.reauthentication = reauthentication;
    }

    /** The pending requests the caller may see, oldest first. */
    @RolesAllowed({Roles.ADMIN, Roles.PKI_OPS, Roles.AUDITOR, Roles.PROJECT_MANAGER, Roles.OPERATOR_STAFF})
    @Transactional(readOnly = true)
    public List<ChangeRequest> pending() {
        return rows.pending(currentActor.scope());
    }

    /** The latest requests (any state) for one target, newest first: the target's version history. */
    @RolesAllowed({Roles.ADMIN, Roles.PKI_OPS, Roles.AUDITOR, Roles.PROJECT_MANAGER, Roles.OPERATOR_STAFF})
    @Transactional(readOnly = true)
    public List<ChangeRequest> history(String target) {
        return rows.byTarget(currentActor.scope(), target, 200);
    }

    /**
     * Records a request; features call this after validating the proposal (their own refusals are
     * audited by them as failed requests). Refused when no handler knows the kind.
     */
    @RolesAllowed({Roles.ADMIN, Roles.PKI_OPS})
    @Transactional
    public ChangeRequest request(ChangeProposal proposal) {
        Actor actor = currentActor.actor();
        if (!handlers.containsKey(proposal.kind())) {
            throw new ChangeRefusedException("No feature applies configuration changes of kind '" + proposal.kind() + "'.");
        }
        proposal.operator().ifPresent(operator -> {
            if (!actor.scope().permits(operator.id())) {
                throw new ChangeRefusedException("You cannot change another operator's configuration.");
            }
        });
        Instant now = clock.instant();
        long id = rows.insert(proposal, actor.username(), now, now.plus(settings.requestValidity()));
        auditLog.recordAfterCommit(record(actor, AuditAction.CONFIG_CHANGE_REQUESTED, AuditOutcome.SUCCESS, id, proposal.kind(),
                proposal.target(), proposal.summary()));
        return rows.find(actor.scope(), id, false).orElseThrow();
    }

    /**
     * Approves a pending request and applies it in this transaction. Refused for the requester, for a
     * request no longer pending or past its expiry (then marked expired, which is kept), when the
     * change no longer applies, and for an approver who has not confirmed who they are within
     * {@code portal.config-changes.reauthentication-max-age} ({@link StepUpRequiredException}), as for
     * credential batches.
     */
    @RolesAllowed({Roles.ADMIN, Roles.PKI_OPS})
    @Transactional(noRollbackFor = ExpiredException.class)
    public ChangeRequest approve(long id) {
        Actor actor = currentActor.actor();
        ChangeRequest request = decidable(id, actor, AuditAction.CONFIG_CHANGE_APPROVED);
        if (!reauthentication.recentlyAuthenticated(settings.reauthenticationMaxAge())) {
            deny(actor, AuditAction.CONFIG_CHANGE_APPROVED, request, "no recent re-authentication");
            throw new StepUpRequiredException("Confirm who you are again before you approve configuration change " + id + ".");
        }
        try {
            var handler = handlers.get(request.kind());
            if (handler == null) {
                throw new ChangeRefusedException("No feature applies configuration changes of kind '" + request.kind() + "' any more.");
            }
            handler.apply(request, rows.proposed(id), actor);
        } catch (ChangeRefusedException e) {
            throw deny(actor, AuditAction.CONFIG_CHANGE_APPROVED, request, e.getMessage());
        }
        rows.decide(id, ChangeRequest.State.APPLIED, actor.username(), clock.instant(), null);
        auditLog.recordAfterCommit(record(actor, AuditAction.CONFIG_CHANGE_APPROVED, AuditOutcome.SUCCESS, id, request.kind(),
                request.target(), request.summary()));
        return rows.find(actor.scope(), id, false).orElseThrow();
    }

    /** Rejects a pending request with a reason; the requester cannot. Nothing changes. */
    @RolesAllowed({Roles.ADMIN, Roles.PKI_OPS})
    @Transactional(noRollbackFor = ExpiredException.class)
    public ChangeRequest reject(long id, String reason) {
        Actor actor = currentActor.actor();
        String why = reason == null ? "" : reason.strip();
        ChangeRequest request = decidable(id, actor, AuditAction.CONFIG_CHANGE_REJECTED);
        if (why.isEmpty() || why.length() > 1000) {
            throw deny(actor, AuditAction.CONFIG_CHANGE_REJECTED, request, "Give a reason for the rejection (at most 1,000 characters).");
        }
        rows.decide(id, ChangeRequest.State.REJECTED, actor.username(), clock.instant(), why);
        auditLog.recordAfterCommit(record(actor, AuditAction.CONFIG_CHANGE_REJECTED, AuditOutcome.SUCCESS, id, request.kind(),
                request.target(), request.summary()).withDetail("reason", why));
        return rows.find(actor.scope(), id, false).orElseThrow();
    }

    /** The requester takes back their own pending request. */
    @RolesAllowed({Roles.ADMIN, Roles.PKI_OPS})
    @Transactional
    public ChangeRequest withdraw(long id) {
        Actor actor = currentActor.actor();
        var request = rows.find(actor.scope(), id, true)
                .orElseThrow(() -> new ChangeRefusedException("There is no configuration change request " + id + "."));
        if (!request.pending() || !request.requestedBy().equals(actor.username())) {
            throw new ChangeRefusedException(request.pending() ? "Only " + request.requestedBy() + " can withdraw this request."
                    : "This request is " + request.state().code() + " already.");
        }
        rows.decide(id, ChangeRequest.State.WITHDRAWN, actor.username(), clock.instant(), null);
        auditLog.recordAfterCommit(record(actor, AuditAction.CONFIG_CHANGE_WITHDRAWN, AuditOutcome.SUCCESS, id, request.kind(),
                request.target(), request.summary()));
        return rows.find(actor.scope(), id, false).orElseThrow();
    }

    private ChangeRequest decidable(long id, Actor actor, AuditAction action) {
        var found = rows.find(actor.scope(), id, true);
        if (found.isEmpty()) {
            auditLog.record(AuditRecord.of(actor, action, AuditOutcome.DENIED, "config-change:" + id)
                    .withDetail("reason", "no such request"));
            throw new ChangeRefusedException("There is no configuration change request " + id + ".");
        }
        ChangeRequest request = found.get();
        if (!request.pending()) {
            throw deny(actor, action, request, "This request is " + request.state().code()
                    + request.decidedBy().map(by -> " (" + by + ")").orElse("") + " already.");
        }
        if (!clock.instant().isBefore(request.expiresAt())) {
            rows.decide(id, ChangeRequest.State.EXPIRED, null, clock.instant(), null);
            auditLog.recordAfterCommit(ChangeExpiry.expired(request));
            deny(actor, action, request, "This request expired at " + request.expiresAt() + ".");
            throw new ExpiredException("This request expired at " + request.expiresAt() + "; ask for it again.");
        }
        if (request.requestedBy().equals(actor.username())) {
            throw deny(actor, action, request, "You requested this change; someone else must decide on it.");
        }
        return request;
    }

    private ChangeRefusedException deny(Actor actor, AuditAction action, ChangeRequest request, String reason) {
        auditLog.record(record(actor, action, AuditOutcome.DENIED, request.id(), request.kind(), request.target(),
                request.summary()).withDetail("reason", reason));
        return new ChangeRefusedException(reason);
    }

    static AuditRecord record(Actor actor, AuditAction action, AuditOutcome outcome, long id, String kind, String target,
            String summary) {
        return AuditRecord.of(actor, action, outcome, "config-change:" + id).withDetail("kind", kind)
                .withDetail("target", target).withDetail("summary", summary);
    }

    /** The approver must prove who they are again (password, or signing in again at the identity provider). */
    public static final class StepUpRequiredException extends ChangeRefusedException {
        StepUpRequiredException(String message) {
            super(message);
        }
    }

    /** A decision found its request expired; the expiry is kept (no rollback). */
    static final class ExpiredException extends ChangeRefusedException {
        ExpiredException(String message) {
            super(message);
        }
    }
}
