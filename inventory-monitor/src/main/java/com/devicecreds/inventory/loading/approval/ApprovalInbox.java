package com.devicecreds.inventory.loading.approval;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.Actor;
import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.Roles;
import com.devicecreds.inventory.loading.LoadingProperties;
import com.devicecreds.inventory.loading.batch.BatchRows;
import com.devicecreds.inventory.loading.batch.StagedBatch;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What waits for approval, and everything an approver sees before deciding. PKI operations decide;
 * administrators may look but not decide (docs/decisions/014-dual-control.md). The operator scope
 * comes from the caller, as for every batch query.
 */
@Service
public class ApprovalInbox {

    private final JdbcClient jdbc;
    private final CurrentActor currentActor;
    private final LoadingProperties.Approval settings;
    private final Clock clock;

    ApprovalInbox(JdbcClient jdbc, CurrentActor currentActor, LoadingProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.currentActor = currentActor;
        this.settings = properties.approval();
        this.clock = clock;
    }

    /** Batches waiting for decisions or for activation and not yet expired, oldest first, with the caller's part in each. */
    @RolesAllowed({Roles.PKI_OPS, Roles.ADMIN})
    @Transactional(readOnly = true)
    public List<PendingBatch> pending() {
        Actor actor = currentActor.actor();
        Instant now = clock.instant();
        return jdbc.sql("select q.*, b2.approved_at, " + DECIDED_BY_ME + " from (" + BatchRows.SELECT
                        + " where b.state in ('staged', 'approved') and " + BatchRows.IN_SCOPE + """
                        ) q join credential_batch b2 on b2.id = q.id
                        order by q.submitted_at, q.id""")
                .param("operatorId", actor.scope().operatorIdOrNull())
                .param("me", actor.username())
                .query((rs, n) -> {
                    StagedBatch batch = BatchRows.row(rs, n);
                    return new PendingBatch(batch, expiresAt(batch, approvedAt(rs)), part(actor, batch, rs.getBoolean("decided")));
                })
                .list().stream()
                .filter(p -> p.expiresAt().isAfter(now))
                .toList();
    }

    /** The full context of one batch the caller may see; empty when there is none. */
    @RolesAllowed({Roles.PKI_OPS, Roles.ADMIN})
    @Transactional(readOnly = true)
    public Optional<ApprovalContext> context(long batchId) {
        Actor actor = currentActor.actor();
        return jdbc.sql("select q.*, b2.approved_at, b2.closed_note, " + DECIDED_BY_ME + " from (" + BatchRows.SELECT
                        + " where b.id = :id and " + BatchRows.IN_SCOPE + ") q join credential_batch b2 on b2.id = q.id")
                .param("operatorId", actor.scope().operatorIdOrNull())
                .param("me", actor.username())
                .param("id", batchId)
                .query((rs, n) -> {
                    StagedBatch batch = BatchRows.row(rs, n);
                    boolean open = batch.state().equals("staged") || batch.state().equals("approved");
                    return new ApprovalContext(batch, packageFacts(batch.id()), decisions(batch.id()),
                            open ? Optional.of(expiresAt(batch, approvedAt(rs))) : Optional.empty(),
                            part(actor, batch, rs.getBoolean("decided")), Optional.ofNullable(rs.getString("closed_note")));
                })
                .optional();
    }

    private static final String DECIDED_BY_ME = """
            exists (select 1 from batch_decision d where d.batch_id = q.id and d.decided_by = :me and d.voided_at is null) as decided""";

    private Instant expiresAt(StagedBatch batch, Optional<Instant> approvedAt) {
        return AwaitingBatches.expiresAt(settings, batch.submittedAt(), approvedAt);
    }

    private static Optional<Instant> approvedAt(ResultSet rs) throws SQLException {
        return Optional.ofNullable(rs.getTimestamp("approved_at")).map(Timestamp::toInstant);
    }

    static YourPart part(Actor actor, StagedBatch batch, boolean decided) {
        return switch (batch.state()) {
            case "approved" -> YourPart.AWAITING_ACTIVATION;
            case "staged" -> !actor.hasRole(Roles.PKI_OPS) ? YourPart.NOT_AN_APPROVER
                    : batch.submittedBy().equals(actor.username()) ? YourPart.OWN_BATCH
                    : decided ? YourPart.DECIDED : YourPart.DECIDE;
            default -> YourPart.CLOSED;
        };
    }

    private PackageFacts packageFacts(long batchId) {
        return jdbc.sql("""
                        select p.records_sha256, p.signer_fingerprint, p.signer_subject, p.created_at, p.file_name,
                               p.package_bytes, sha256(p.manifest) = b.manifest_sha256 as intact,
                               coalesce(credential_batch_digest(b.id) = b.staged_sha256, false) as rows_intact
                        from credential_batch_package p join credential_batch b on b.id = p.batch_id
                        where p.batch_id = ?""")
                .param(batchId)
                .query((rs, n) -> new PackageFacts(HexFormat.of().formatHex(rs.getBytes("records_sha256")),
                        rs.getString("signer_fingerprint"), rs.getString("signer_subject"),
                        rs.getTimestamp("created_at").toInstant(), rs.getString("file_name"), rs.getLong("package_bytes"),
                        rs.getBoolean("intact"), rs.getBoolean("rows_intact")))
                .single();
    }

    private List<BatchDecision> decisions(long batchId) {
        return jdbc.sql("""
                        select decided_by, decision, manifest_sha256, reason, decided_at, voided_at
                        from batch_decision where batch_id = ? order by decided_at, id""")
                .param(batchId)
                .query((rs, n) -> new BatchDecision(rs.getString("decided_by"), rs.getString("decision"),
                        HexFormat.of().formatHex(rs.getBytes("manifest_sha256")), Optional.ofNullable(rs.getString("reason")),
                        rs.getTimestamp("decided_at").toInstant(),
                        Optional.ofNullable(rs.getTimestamp("voided_at")).map(Timestamp::toInstant)))
                .list();
    }
}
