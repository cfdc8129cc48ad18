package com.devicecreds.portal.notification;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.devicecreds.access.Roles;
import com.devicecreds.inventory.loading.LoadingProperties;
import com.devicecreds.portal.PortalProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reminds PKI operations of credential batches waiting too long for their approvals, in the bell
 * and by e-mail to the PKI ops address list. The notification's source is the batch and the
 * threshold, so each request is reminded once per threshold however often the job runs and on
 * however many nodes (the outbox's unique source, decision 009).
 */
@Component
public class ApprovalReminders {

    static final String SOURCE_KIND = "batch-approval-reminder";

    private final NotificationService notifications;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final LoadingProperties.Approval settings;
    private final List<String> pkiOpsAddresses;
    private final Clock clock;

    ApprovalReminders(NotificationService notifications, JdbcClient jdbc, PlatformTransactionManager transactions,
            LoadingProperties loading, PortalProperties portal, Clock clock) {
        this.notifications = notifications;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.settings = loading.approval();
        this.pkiOpsAddresses = portal.notifications().pkiOpsAddresses();
        this.clock = clock;
    }

    private record Waiting(long id, String batchRef, String typeName, long recordCount, String submittedBy, Instant submittedAt,
            int approvals, int required) {
    }

    /** Publishes the reminders due now; returns how many were new. */
    public int remind() {
        Instant now = clock.instant();
        Duration after = settings.reminderAfter();
        List<Waiting> due = jdbc.sql("""
                        select b.id, b.batch_ref, t.name, b.record_count, b.submitted_by, b.submitted_at, b.approvals_required,
                               (select count(*) from batch_decision d where d.batch_id = b.id and d.decision = 'approved'
                                  and d.voided_at is null and d.manifest_sha256 = b.manifest_sha256
                                  and d.staged_sha256 = b.staged_sha256) as approvals
                        from credential_batch b join credential_type t on t.id = b.credential_type_id
                        where b.state = 'staged' and b.submitted_at <= :remindBefore and b.submitted_at > :expiredBefore
                        order by b.submitted_at""")
                .param("remindBefore", Timestamp.from(now.minus(after)))
                .param("expiredBefore", Timestamp.from(now.minus(settings.requestValidity())))
                .query((rs, n) -> new Waiting(rs.getLong("id"), rs.getString("batch_ref"), rs.getString("name"),
                        rs.getLong("record_count"), rs.getString("submitted_by"), rs.getTimestamp("submitted_at").toInstant(),
                        rs.getInt("approvals"), rs.getInt("approvals_required")))
                .list();
        int published = 0;
        for (Waiting batch : due) {
            published += transaction.execute(status -> publish(batch, now, after)) ? 1 : 0;
        }
        return published;
    }

    private boolean publish(Waiting batch, Instant now, Duration after) {
        long hours = Duration.between(batch.submittedAt(), now).toHours();
        Instant expires = batch.submittedAt().plus(settings.requestValidity());
        String body = """
                Batch %s (%s, %,d credentials), submitted by %s at %s, has waited %d hours for approval: %d of %d approvals.
                It expires at %s unless PKI operations decide on it. Open the approval inbox to decide."""
                .formatted(batch.batchRef(), batch.typeName(), batch.recordCount(), batch.submittedBy(), batch.submittedAt(),
                        hours, batch.approvals(), batch.required(), expires);
        return notifications.publish(new NotificationRequest("Batch %s waits for approval".formatted(batch.batchRef()), body,
                Optional.of("loading/approvals/" + batch.id()), Set.of(Roles.PKI_OPS), Optional.empty(), SOURCE_KIND,
                batch.id() + "@" + after, pkiOpsAddresses)).isPresent();
    }
}
