package com.devicecreds.inventory.loading.approval;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import com.devicecreds.access.Actor;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.audit.AuditOutcome;
import com.devicecreds.inventory.loading.batch.BatchActivated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes approved batches' credentials available, each batch in one transaction: the database's
 * {@code activate_credential_batch} recomputes the digest of the stored rows, compares it with the
 * seal and the approvals, and only then turns every staged credential of the batch available and
 * the batch active in one UPDATE, so devices see none of them before and all after; an interrupted
 * activation rolls back whole and the next run does it again; an active batch is never activated
 * twice. A batch that no longer matches is marked tampered, audited and reported to PKI operations
 * (docs/decisions/014-dual-control.md, 026-activation-bound-to-stored-data.md). Run by a clustered
 * Quartz job, right after the final approval and every interval.
 */
@Component
public class BatchActivation {

    private static final Logger log = LoggerFactory.getLogger(BatchActivation.class);

    private final JdbcClient jdbc;
    private final BatchLifecycle lifecycle;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    BatchActivation(JdbcClient jdbc, BatchLifecycle lifecycle, PlatformTransactionManager transactions,
            ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.lifecycle = lifecycle;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** Activates every approved batch, oldest approval first; returns how many it activated. */
    public int activateApproved() {
        List<Long> approved = jdbc.sql("select id from credential_batch where state = 'approved' order by approved_at, id")
                .query(Long.class).list();
        int activated = 0;
        for (long id : approved) {
            try {
                activated += activate(id) ? 1 : 0;
            } catch (RuntimeException e) {
                log.error("Activation of credential batch {} failed; it stays approved and is tried again", id, e);
            }
        }
        return activated;
    }

    /**
     * Activates one batch if it is approved and its approval has not expired. Joins the caller's
     * transaction when there is one (all or nothing with it).
     *
     * @return whether this call activated it; false when it was not approved (already active: a no-op)
     */
    public boolean activate(long batchId) {
        Boolean done = transaction.execute(status -> {
            var found = lifecycle.lock(batchId).filter(b -> b.state().equals("approved"));
            if (found.isEmpty()) {
                return false;
            }
            var batch = found.get();
            Instant now = clock.instant();
            if (lifecycle.overdue(batch, now)) {
                lifecycle.expire(batch, now);
                return false;
            }
            long started = System.nanoTime();
            String verdict = jdbc.sql("select activate_credential_batch(?, ?)")
                    .params(batch.id(), Timestamp.from(now)).query(String.class).single();
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (verdict.equals("not-approved")) {
                return false;
            }
            if (!verdict.equals("activated")) {
                log.error("Activation of credential batch {} refused ({}): marked tampered, PKI operations alerted",
                        batch.batchRef(), verdict);
                events.publishEvent(new BatchActivationRefused(batch.id(), batch.batchRef(), verdict));
                lifecycle.auditAfterCommit(BatchLifecycle.audit(Actor.SYSTEM, AuditAction.BATCH_ACTIVATION_REFUSED,
                                AuditOutcome.DENIED, batch)
                        .withDetail("verdict", verdict)
                        .withDetail("sealedSha256", batch.stagedSha256() == null ? "" : HexFormat.of().formatHex(batch.stagedSha256())));
                return false;
            }
            log.info("Activated credential batch {}: {} credentials available in {} ms", batch.batchRef(), batch.recordCount(), millis);
            events.publishEvent(new BatchActivated(batch.id(), batch.batchRef(), batch.credentialTypeId(), batch.recordCount()));
            lifecycle.auditAfterCommit(BatchLifecycle.audit(Actor.SYSTEM, AuditAction.BATCH_ACTIVATED, AuditOutcome.SUCCESS, batch)
                    .withDetail("activatedCredentials", batch.recordCount())
                    .withDetail("stagedSha256", HexFormat.of().formatHex(batch.stagedSha256()))
                    .withDetail("millis", millis));
            return true;
        });
        return Boolean.TRUE.equals(done);
    }
}
