package com.devicecreds.inventory.loading.approval;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.Actor;
import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.Roles;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.audit.AuditLog;
import com.devicecreds.audit.AuditOutcome;
import com.devicecreds.inventory.loading.LoadingProperties;
import com.devicecreds.inventory.loading.approval.BatchLifecycle.Locked;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Dual control of credential batches (docs/decisions/014-dual-control.md): approvals by distinct
 * PKI operators other than the submitter, each bound to the manifest hash the approver saw and to
 * the digest the database sealed over the staged rows (decision 026), as many as the batch's own
 * quorum, fixed at staging (decision 027); one
 * rejection with its reason ends the request. Only {@link Roles#PKI_OPS} decides: an administrator
 * without it is refused by method security. Every refusal commits what it found (voided approvals,
 * an expired request) and is audited as denied.
 */
@Service
public class ApprovalService {

    private final JdbcClient jdbc;
    private final BatchLifecycle lifecycle;
    private final AuditLog auditLog;
    private final CurrentActor currentActor;
    private final ApproverReauthentication reauthentication;
    private final ApplicationEventPublisher events;
    private final LoadingProperties.Approval settings;
    private final Clock clock;

    ApprovalService(JdbcClient jdbc, BatchLifecycle lifecycle, AuditLog auditLog, CurrentActor currentActor,
            ApproverReauthentication reauthentication, ApplicationEventPublisher events, LoadingProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.lifecycle = lifecycle;
        this.auditLog = auditLog;
        this.currentActor = currentActor;
        this.reauthentication = reauthentication;
        this.events = events;
        this.settings = properties.approval();
        this.clock = clock;
    }

    /**
     * Approves the batch as shown. The last required approval makes it {@code approved}; the
     * activation job then makes its credentials available.
     *
     * @param shownManifestSha256 the hex manifest hash the approver was shown
     * @throws DecisionRefusedException with the reason in words; nothing is approved
     */
    @RolesAllowed(Roles.PKI_OPS)
    @Transactional(noRollbackFor = DecisionRefusedException.class)
    public DecisionOutcome approve(long batchId, String shownManifestSha256) {
        return decide(batchId, shownManifestSha256, "approved", null);
    }

    /**
     * Rejects the batch with a reason: the request ends for good and its staged credentials are discarded.
     *
     * @throws DecisionRefusedException with the reason in words; nothing is rejected
     */
    @RolesAllowed(Roles.PKI_OPS)
    @Transactional(noRollbackFor = DecisionRefusedException.class)
    public DecisionOutcome reject(long batchId, String shownManifestSha256, String reason) {
        if (reason == null || reason.isBlank()) {
            throw refused(currentActor.actor(), batchId, AuditAction.BATCH_REJECTED,
                    "A rejection needs its reason: say what is wrong with the batch.");
        }
        return decide(batchId, shownManifestSha256, "rejected", reason.strip());
    }

    private DecisionOutcome decide(long batchId, String shownHash, String decision, String reason) {
        Actor actor = currentActor.actor();
        AuditAction action = decision.equals("approved") ? AuditAction.BATCH_APPROVED : AuditAction.BATCH_REJECTED;
        Instant now = clock.instant();
        var found = lifecycle.lock(batchId).filter(b -> b.manifestSha256() != null);
        if (found.isEmpty()) {
            throw refused(actor, batchId, action, "There is no credential batch " + batchId + " loaded from a package.");
        }
        Locked batch = found.get();
        if (batch.submittedBy().equals(actor.username())) {
            throw refused(actor, batchId, action, "You submitted batch " + batch.batchRef()
                    + ": another person must decide on it (dual control), whatever your roles.");
        }
        if (!reauthentication.recentlyAuthenticated(settings.reauthenticationMaxAge())) {
            throw new ReauthenticationRequiredException("Confirm who you are again before you decide on batch "
                    + batch.batchRef() + ".");
        }
        if (!batch.state().equals("staged")) {
            throw refused(actor, batchId, action, "Batch " + batch.batchRef() + " is " + batch.state()
                    + ": it no longer takes decisions.");
        }
        if (lifecycle.overdue(batch, now)) {
            lifecycle.expire(batch, now);
            throw refused(actor, batchId, action, "The request for batch " + batch.batchRef() + " expired: it waited longer than "
                    + settings.requestValidity().toHours() + " hours. Upload the package again for a new request.");
        }
        checkManifest(actor, batch, shownHash, action, now);
        if (decidedBefore(batch.id(), actor.username())) {
            throw refused(actor, batchId, action, "You have already decided on batch " + batch.batchRef() + ".");
        }
        // The batch row is locked, so decisions on it run one after the other; the unique indexes stay the last word.
        jdbc.sql("""
                        insert into batch_decision (batch_id, submitted_by, decided_by, decision, manifest_sha256,
                                                    staged_sha256, reason, decided_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(batch.id(), batch.submittedBy(), actor.username(), decision, batch.manifestSha256(),
                        batch.stagedSha256(), reason, Timestamp.from(now))
                .update();
        int approvals = standingApprovals(batch);
        String state = decision.equals("rejected") ? "rejected" : approvals >= batch.approvalsRequired() ? "approved" : "staged";
        if (state.equals("rejected")) {
            lifecycle.close(batch, "rejected", reason, now);
        } else if (state.equals("approved")) {
            jdbc.sql("update credential_batch set state = 'approved', approved_at = ? where id = ?")
                    .params(Timestamp.from(now), batch.id()).update();
            events.publishEvent(new BatchApproved(batch.id(), batch.batchRef()));
        }
        var record = BatchLifecycle.audit(actor, action, AuditOutcome.SUCCESS, batch)
                .withDetail("manifestSha256", HexFormat.of().formatHex(batch.manifestSha256()))
                .withDetail("stagedSha256", HexFormat.of().formatHex(batch.stagedSha256()))
                .withDetail("approvals", approvals)
                .withDetail("approvalsRequired", batch.approvalsRequired())
                .withDetail("state", state);
        lifecycle.auditAfterCommit(reason == null ? record : record.withDetail("reason", reason));
        return new DecisionOutcome(state, approvals, batch.approvalsRequired());
    }

    /** The approver's hash must be the batch's, and the stored manifest must still hash to it. */
    private void checkManifest(Actor actor, Locked batch, String shownHash, AuditAction action, Instant now) {
        byte[] shown;
        try {
            shown = HexFormat.of().parseHex(shownHash == null ? "" : shownHash.strip().toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            shown = new byte[0];
        }
        boolean intact = jdbc.sql("select sha256(manifest) = ? from credential_batch_package where batch_id = ?")
                .params(batch.manifestSha256(), batch.id()).query(Boolean.class).optional().orElse(false);
        // A batch without the database's seal (decision 026) was not staged by an upload: never approvable.
        if (Arrays.equals(shown, batch.manifestSha256()) && intact && batch.stagedSha256() != null) {
            return;
        }
        int voided = jdbc.sql("update batch_decision set voided_at = ? where batch_id = ? and voided_at is null")
                .params(Timestamp.from(now), batch.id()).update();
        if (voided > 0) { // voiding nothing is no action: the refused decision below is the record
            lifecycle.auditAfterCommit(BatchLifecycle.audit(actor, AuditAction.BATCH_APPROVALS_VOIDED, AuditOutcome.SUCCESS, batch)
                    .withDetail("voided", voided)
                    .withDetail("shownSha256", shownHash)
                    .withDetail("manifestSha256", HexFormat.of().formatHex(batch.manifestSha256()))
                    .withDetail("storedManifestIntact", intact));
        }
        auditLog.record(BatchLifecycle.audit(actor, action, AuditOutcome.DENIED, batch).withDetail("refused", "manifest changed"));
        throw new ManifestChangedException("The manifest of batch " + batch.batchRef() + " is not the one you were shown"
                + (voided > 0 ? "; the " + voided + " earlier decision(s) on it are void" : "")
                + ". Open the batch again and check it before you decide.");
    }

    private boolean decidedBefore(long batchId, String username) {
        return jdbc.sql("select exists (select 1 from batch_decision where batch_id = ? and decided_by = ? and voided_at is null)")
                .params(batchId, username).query(Boolean.class).single();
    }

    private int standingApprovals(Locked batch) {
        return jdbc.sql("""
                        select count(*) from batch_decision
                        where batch_id = ? and decision = 'approved' and voided_at is null and manifest_sha256 = ?
                          and staged_sha256 = ?""")
                .params(batch.id(), batch.manifestSha256(), batch.stagedSha256()).query(Integer.class).single();
    }

    private DecisionRefusedException refused(Actor actor, long batchId, AuditAction action, String message) {
        auditLog.record(com.devicecreds.audit.AuditRecord.of(actor, action, AuditOutcome.DENIED, "batch-id:" + batchId)
                .withDetail("refused", message));
        return new DecisionRefusedException(message);
    }
}
