package com.devicecreds.inventory.loading.approval;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import com.devicecreds.access.OperatorScope;
import com.devicecreds.inventory.loading.LoadingProperties;
import com.devicecreds.inventory.loading.batch.BatchRows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * How many batches of a scope wait, as the approval inbox ({@link ApprovalInbox#pending()}) lists them:
 * staged ones for their approvals, approved ones for their activation, neither expired yet. For the
 * system's figures (the business metrics), which pass {@link OperatorScope#all()}.
 */
@Component
public class AwaitingBatches {

    /** Batches waiting for decisions, and approved batches waiting for activation. */
    public record Counts(long awaitingApproval, long awaitingActivation) {
    }

    private final JdbcClient jdbc;
    private final LoadingProperties.Approval settings;
    private final Clock clock;

    AwaitingBatches(JdbcClient jdbc, LoadingProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.settings = properties.approval();
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Counts count(OperatorScope scope) {
        Instant now = clock.instant();
        long[] counts = new long[2];
        jdbc.sql("""
                        select b.state, b.submitted_at, b.approved_at
                        from credential_batch b join credential_type t on t.id = b.credential_type_id
                        where b.state in ('staged', 'approved') and """ + BatchRows.IN_SCOPE)
                .param("operatorId", scope.operatorIdOrNull())
                .query(rs -> {
                    var approvedAt = Optional.ofNullable(rs.getTimestamp("approved_at")).map(Timestamp::toInstant);
                    if (expiresAt(settings, rs.getTimestamp("submitted_at").toInstant(), approvedAt).isAfter(now)) {
                        counts[rs.getString("state").equals("staged") ? 0 : 1]++;
                    }
                });
        return new Counts(counts[0], counts[1]);
    }

    /** When a waiting batch expires: its activation window after the final approval, else its request's validity. */
    static Instant expiresAt(LoadingProperties.Approval settings, Instant submittedAt, Optional<Instant> approvedAt) {
        return approvedAt.map(at -> at.plus(settings.activationValidity()))
                .orElse(submittedAt.plus(settings.requestValidity()));
    }
}
