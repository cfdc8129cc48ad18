package com.devicecreds.inventory.loading.approval;

import java.time.Clock;
import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.Actor;
import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.Roles;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.audit.AuditLog;
import com.devicecreds.audit.AuditOutcome;
import com.devicecreds.audit.AuditRecord;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A submitter takes back their own request while it waits (staged, or approved but not yet active):
 * the batch ends {@code withdrawn} and its staged credentials are discarded, as after a rejection.
 * With the quorum fixed at staging, withdrawal is the submitter's way out of a request nobody will
 * decide on (docs/decisions/027-quorum-withdrawal-and-step-up.md). Nobody else withdraws: approvers
 * reject with a reason instead.
 */
@Service
public class BatchWithdrawal {

    private final BatchLifecycle lifecycle;
    private final AuditLog auditLog;
    private final CurrentActor currentActor;
    private final Clock clock;

    BatchWithdrawal(BatchLifecycle lifecycle, AuditLog auditLog, CurrentActor currentActor, Clock clock) {
        this.lifecycle = lifecycle;
        this.auditLog = auditLog;
        this.currentActor = currentActor;
        this.clock = clock;
    }

    /**
     * Withdraws the caller's own waiting batch.
     *
     * @throws DecisionRefusedException with the reason in words; nothing changed
     */
    @RolesAllowed(Roles.PKI_OPS)
    @Transactional(noRollbackFor = DecisionRefusedException.class)
    public void withdraw(long batchId, String note) {
        Actor actor = currentActor.actor();
        Instant now = clock.instant();
        var batch = lifecycle.lock(batchId).orElseThrow(() -> refused(actor, batchId, "There is no credential batch " + batchId + "."));
        if (!batch.submittedBy().equals(actor.username())) {
            throw refused(actor, batchId, "Only its submitter, " + batch.submittedBy() + ", may withdraw batch "
                    + batch.batchRef() + "; an approver rejects it with a reason.");
        }
        if (!batch.state().equals("staged") && !batch.state().equals("approved")) {
            throw refused(actor, batchId, "Batch " + batch.batchRef() + " is " + batch.state() + ": there is no waiting request to withdraw.");
        }
        if (lifecycle.overdue(batch, now)) {
            lifecycle.expire(batch, now);
            throw refused(actor, batchId, "The request for batch " + batch.batchRef() + " had already expired.");
        }
        String reason = note == null || note.isBlank() ? "Withdrawn by its submitter" : "Withdrawn by its submitter: " + note.strip();
        lifecycle.close(batch, "withdrawn", reason, now);
        lifecycle.auditAfterCommit(BatchLifecycle.audit(actor, AuditAction.BATCH_WITHDRAWN, AuditOutcome.SUCCESS, batch)
                .withDetail("was", batch.state())
                .withDetail("reason", reason));
    }

    private DecisionRefusedException refused(Actor actor, long batchId, String message) {
        auditLog.record(AuditRecord.of(actor, AuditAction.BATCH_WITHDRAWN, AuditOutcome.DENIED, "batch-id:" + batchId)
                .withDetail("refused", message));
        return new DecisionRefusedException(message);
    }
}
