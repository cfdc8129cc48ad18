package com.devicecreds.inventory.loading.approval;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import com.devicecreds.access.Actor;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.audit.AuditLog;
import com.devicecreds.audit.AuditOutcome;
import com.devicecreds.audit.AuditRecord;
import com.devicecreds.inventory.loading.LoadingProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The batch row changes that decisions, expiry and activation share, each inside the caller's
 * transaction with the batch row locked.
 */
@Component
class BatchLifecycle {

    private final JdbcClient jdbc;
    private final AuditLog auditLog;
    private final LoadingProperties.Approval settings;

    BatchLifecycle(JdbcClient jdbc, AuditLog auditLog, LoadingProperties properties) {
        this.jdbc = jdbc;
        this.auditLog = auditLog;
        this.settings = properties.approval();
    }

    /** The batch's row, locked for the rest of the transaction. */
    record Locked(long id, String batchRef, int credentialTypeId, String state, String submittedBy, byte[] manifestSha256,
            Instant submittedAt, Optional<Instant> approvedAt, long recordCount, int approvalsRequired, byte[] stagedSha256) {
    }

    Optional<Locked> lock(long batchId) {
        return jdbc.sql("""
                        select b.id, b.batch_ref, b.credential_type_id, b.state, b.submitted_by, b.manifest_sha256,
                               b.submitted_at, b.approved_at, b.record_count, b.approvals_required,
                               b.staged_sha256
                        from credential_batch b
                        where b.id = ? for update""")
                .param(batchId)
                .query((rs, n) -> new Locked(rs.getLong("id"), rs.getString("batch_ref"), rs.getInt("credential_type_id"),
                        rs.getString("state"), rs.getString("submitted_by"), rs.getBytes("manifest_sha256"),
                        rs.getTimestamp("submitted_at").toInstant(),
                        Optional.ofNullable(rs.getTimestamp("approved_at")).map(Timestamp::toInstant),
                        rs.getLong("record_count"), rs.getShort("approvals_required"), rs.getBytes("staged_sha256")))
                .optional();
    }

    /** Whether a staged batch's request, or an approved batch's approval, has run out at {@code now}. */
    boolean overdue(Locked batch, Instant now) {
        return switch (batch.state()) {
            case "staged" -> !batch.submittedAt().plus(settings.requestValidity()).isAfter(now);
            case "approved" -> !batch.approvedAt().orElseThrow().plus(settings.activationValidity()).isAfter(now);
            default -> false;
        };
    }

    /** Expires an overdue staged or approved batch, audited as the system's act. */
    void expire(Locked batch, Instant now) {
        boolean request = batch.state().equals("staged");
        close(batch, "expired", request ? "No decision within " + settings.requestValidity().toHours() + " hours"
                : "Not activated within " + settings.activationValidity().toHours() + " hours of its approval", now);
        auditAfterCommit(audit(Actor.SYSTEM, AuditAction.BATCH_EXPIRED, AuditOutcome.SUCCESS, batch)
                .withDetail("waitingFor", request ? "decisions" : "activation"));
    }

    /**
     * Ends a batch without activation and discards its staged credentials, which never became
     * available: their IDs and device bindings are free for a corrected package.
     */
    void close(Locked batch, String state, String note, Instant now) {
        jdbc.sql("update credential_batch set state = ?, closed_at = ?, closed_note = ? where id = ?")
                .params(state, Timestamp.from(now), note, batch.id()).update();
        jdbc.sql("delete from credential where batch_id = ? and state = 'staged'").param(batch.id()).update();
    }

    /** Records the audit entry once the transaction commits; nothing is recorded if it rolls back. */
    void auditAfterCommit(AuditRecord record) {
        auditLog.recordAfterCommit(record);
    }

    static AuditRecord audit(Actor actor, AuditAction action, AuditOutcome outcome, Locked batch) {
        return AuditRecord.of(actor, action, outcome, "batch:" + batch.batchRef())
                .withDetail("batchId", batch.id())
                .withDetail("credentialTypeId", batch.credentialTypeId())
                .withDetail("recordCount", batch.recordCount());
    }
}
