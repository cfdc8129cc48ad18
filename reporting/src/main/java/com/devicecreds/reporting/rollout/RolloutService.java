package com.devicecreds.reporting.rollout;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.Actor;
import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.OperatorRef;
import com.devicecreds.access.Roles;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.audit.AuditLog;
import com.devicecreds.audit.AuditOutcome;
import com.devicecreds.audit.AuditRecord;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rollouts of a credential type to an operator's devices: planned by project managers or PKI
 * operations, approved by a project manager who did not plan it, told to go ahead once approved
 * and live, acknowledged by the project manager or the operator's staff. Operator staff see their
 * own operator's rollouts; every decision is audited once, refusals included.
 */
@Service
@Transactional(readOnly = true)
public class RolloutService {

    static final int MAX_TARGET = 100_000_000;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final Rollouts rollouts;
    private final CurrentActor currentActor;
    private final AuditLog auditLog;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    RolloutService(Rollouts rollouts, CurrentActor currentActor, AuditLog auditLog, ApplicationEventPublisher events,
            Clock clock) {
        this.rollouts = rollouts;
        this.currentActor = currentActor;
        this.auditLog = auditLog;
        this.events = events;
        this.clock = clock;
    }

    /** The rollouts in the caller's scope: open ones first, newest window first. */
    @RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.AUDITOR, Roles.ADMIN})
    public List<Rollout> list() {
        return rollouts.list(currentActor.scope(), today());
    }

    @RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.AUDITOR, Roles.ADMIN})
    public Optional<Rollout> find(long id) {
        return rollouts.find(currentActor.scope(), id, today());
    }

    /** Delivered, rejected and missing devices of the rollout's operator and type over its window, day by day. */
    @RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.AUDITOR, Roles.ADMIN})
    public Optional<RolloutProgress> progress(long id) {
        LocalDate today = today();
        return rollouts.find(currentActor.scope(), id, today).map(rollout -> {
            long[] missing = rollouts.missing(rollout);
            return new RolloutProgress(rollouts.days(id, today), rollouts.rejections(rollout, today), missing[0], missing[1],
                    missing[2], rollouts.listParts(id));
        });
    }

    /** The credential types the operator is authorized for; empty for an operator outside the caller's scope. */
    @RolesAllowed({Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.ADMIN})
    public List<RolloutType> typeChoices(OperatorRef operator) {
        return currentActor.scope().permits(operator.id()) ? rollouts.typeChoices(operator.id()) : List.of();
    }

    /** The operator's authorized list parts of the type, for a rollout to name. */
    @RolesAllowed({Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.ADMIN})
    public List<RolloutListPart> listPartChoices(OperatorRef operator, int credentialTypeId) {
        return currentActor.scope().permits(operator.id()) ? rollouts.listPartChoices(operator.id(), credentialTypeId) : List.of();
    }

    /**
     * Plans a rollout. Refused, with every problem in the message, when the input does not hold:
     * a name, a target between 1 and 100 million, a window that ends on or after its start and not
     * in the past, an e-mail address for the project manager, a type the operator is authorized for,
     * list parts of that operator and type.
     */
    @Transactional
    @RolesAllowed({Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.ADMIN})
    public Rollout create(NewRollout rollout) {
        Actor actor = currentActor.actor();
        var record = AuditRecord.of(actor, AuditAction.ROLLOUT_CREATED, AuditOutcome.SUCCESS,
                        "operator:" + rollout.operator().code())
                .withDetail("name", rollout.name()).withDetail("credentialTypeId", rollout.credentialTypeId())
                .withDetail("targetDevices", rollout.targetDevices())
                .withDetail("window", rollout.windowStart() + ".." + rollout.windowEnd());
        if (!currentActor.scope().permits(rollout.operator().id())) {
            auditLog.record(outcome(record, AuditOutcome.DENIED));
            throw new RolloutRefusedException("You cannot plan rollouts for operator " + rollout.operator().code() + ".");
        }
        List<String> problems = problems(rollout);
        if (!problems.isEmpty()) {
            auditLog.record(outcome(record, AuditOutcome.FAILED).withDetail("problems", problems));
            throw new RolloutRefusedException(String.join(" ", problems));
        }
        long id = rollouts.insert(rollout, actor.username(), clock.instant());
        auditLog.recordAfterCommit(new AuditRecord(actor, record.action(), record.outcome(), "rollout:" + id, record.details())
                .withDetail("operator", rollout.operator().code()).withDetail("listParts", rollout.listPartIds()));
        return rollouts.find(currentActor.scope(), id, today()).orElseThrow();
    }

    /**
     * Approves a rollout as a project manager. Refused (and audited as denied) for the person who
     * planned it, for a rollout already approved or cancelled, and for one outside the caller's scope.
     */
    @Transactional
    @RolesAllowed(Roles.PROJECT_MANAGER)
    public Rollout approve(long id) {
        Actor actor = currentActor.actor();
        Rollout rollout = decide(id, actor, AuditAction.ROLLOUT_APPROVED);
        if (rollout.approvedBy().isPresent()) {
            throw deny(actor, AuditAction.ROLLOUT_APPROVED, id, "This rollout was already approved by "
                    + rollout.approvedBy().get() + ".");
        }
        if (rollout.createdBy().equals(actor.username())) {
            throw deny(actor, AuditAction.ROLLOUT_APPROVED, id, "You planned this rollout; another project manager approves it.");
        }
        var revokedAt = rollouts.authorization(rollout.operator().id(), rollout.credentialTypeId()).flatMap(at -> at);
        if (revokedAt.isPresent()) {
            throw deny(actor, AuditAction.ROLLOUT_APPROVED, id, revoked(rollout.operator(), revokedAt.get()));
        }
        rollouts.approve(id, actor.username(), clock.instant());
        auditLog.recordAfterCommit(AuditRecord.of(actor, AuditAction.ROLLOUT_APPROVED, AuditOutcome.SUCCESS, "rollout:" + id)
                .withDetail("operator", rollout.operator().code()).withDetail("name", rollout.name()));
        events.publishEvent(new RolloutApproved(id));
        return rollouts.find(currentActor.scope(), id, today()).orElseThrow();
    }

    /** Acknowledges the go-ahead: the project manager, or staff of the rollout's operator. Once only. */
    @Transactional
    @RolesAllowed({Roles.PROJECT_MANAGER, Roles.OPERATOR_STAFF})
    public Rollout acknowledge(long id) {
        Actor actor = currentActor.actor();
        Rollout rollout = decide(id, actor, AuditAction.ROLLOUT_ACKNOWLEDGED);
        if (rollout.facts().goAheadAt().isEmpty()) {
            throw deny(actor, AuditAction.ROLLOUT_ACKNOWLEDGED, id, "There is no go-ahead to acknowledge yet.");
        }
        if (rollout.acknowledgedBy().isPresent()) {
            throw deny(actor, AuditAction.ROLLOUT_ACKNOWLEDGED, id, "The go-ahead was already acknowledged by "
                    + rollout.acknowledgedBy().get() + ".");
        }
        rollouts.acknowledge(id, actor.username(), clock.instant());
        auditLog.recordAfterCommit(AuditRecord.of(actor, AuditAction.ROLLOUT_ACKNOWLEDGED, AuditOutcome.SUCCESS, "rollout:" + id)
                .withDetail("operator", rollout.operator().code()));
        return rollouts.find(currentActor.scope(), id, today()).orElseThrow();
    }

    /** Cancels a rollout that is not complete, with a reason. */
    @Transactional
    @RolesAllowed({Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.ADMIN})
    public Rollout cancel(long id, String reason) {
        Actor actor = currentActor.actor();
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 1000) {
            throw deny(actor, AuditAction.ROLLOUT_CANCELLED, id, "Give a reason for the cancellation (at most 1,000 characters).");
        }
        Rollout rollout = decide(id, actor, AuditAction.ROLLOUT_CANCELLED);
        if (rollout.stage() == RolloutStage.COMPLETE) {
            throw deny(actor, AuditAction.ROLLOUT_CANCELLED, id, "A complete rollout cannot be cancelled.");
        }
        rollouts.cancel(id, actor.username(), clock.instant(), why);
        auditLog.recordAfterCommit(AuditRecord.of(actor, AuditAction.ROLLOUT_CANCELLED, AuditOutcome.SUCCESS, "rollout:" + id)
                .withDetail("operator", rollout.operator().code()).withDetail("reason", why));
        return rollouts.find(currentActor.scope(), id, today()).orElseThrow();
    }

    /** Locks the rollout for a decision; refused when it is not in the caller's scope or cancelled. */
    private Rollout decide(long id, Actor actor, AuditAction action) {
        var found = rollouts.lock(id, today()).filter(r -> actor.scope().permits(r.operator().id()));
        if (found.isEmpty()) {
            throw deny(actor, action, id, "There is no rollout " + id + " for you.");
        }
        if (found.get().facts().cancelledAt().isPresent()) {
            throw deny(actor, action, id, "This rollout was cancelled.");
        }
        return found.get();
    }

    private RolloutRefusedException deny(Actor actor, AuditAction action, long id, String message) {
        auditLog.record(AuditRecord.of(actor, action, AuditOutcome.DENIED, "rollout:" + id).withDetail("refused", message));
        return new RolloutRefusedException(message);
    }

    private List<String> problems(NewRollout rollout) {
        var problems = new java.util.ArrayList<String>();
        if (rollout.name().isEmpty() || rollout.name().length() > 120) {
            problems.add("Name the rollout (at most 120 characters).");
        }
        if (rollout.targetDevices() < 1 || rollout.targetDevices() > MAX_TARGET) {
            problems.add("The target is between 1 and 100,000,000 devices.");
        }
        if (rollout.windowStart() == null || rollout.windowEnd() == null) {
            problems.add("Give the window's first and last day.");
        } else if (rollout.windowEnd().isBefore(rollout.windowStart())) {
            problems.add("The window ends before it starts.");
        } else if (rollout.windowEnd().isBefore(today())) {
            problems.add("The window is over already.");
        }
        if (!EMAIL.matcher(rollout.projectManagerEmail()).matches() || rollout.projectManagerEmail().length() > 254) {
            problems.add("The project manager's e-mail address is not valid.");
        }
        var authorization = rollouts.authorization(rollout.operator().id(), rollout.credentialTypeId());
        if (authorization.isEmpty()) {
            problems.add("Operator " + rollout.operator().code() + " is not authorized for that credential type.");
        } else if (authorization.get().isPresent()) {
            problems.add(revoked(rollout.operator(), authorization.get().get()));
        } else {
            var parts = rollouts.listPartChoices(rollout.operator().id(), rollout.credentialTypeId()).stream()
                    .map(RolloutListPart::id).toList();
            if (!parts.containsAll(rollout.listPartIds())) {
                problems.add("A chosen list part is not one of this operator's parts for the type.");
            }
        }
        return problems;
    }

    private static String revoked(OperatorRef operator, java.time.Instant at) {
        return "Operator " + operator.code() + "'s authorization for that credential type was revoked on "
                + LocalDate.ofInstant(at, ZoneOffset.UTC) + ": its devices are refused, so no rollout can be planned or approved "
                + "until it is authorized again.";
    }

    private static AuditRecord outcome(AuditRecord record, AuditOutcome outcome) {
        return new AuditRecord(record.actor(), record.action(), outcome, record.target(), record.details());
    }


    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
