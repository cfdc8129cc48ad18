package com.devicecreds.inventory.loading.approval;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import com.devicecreds.inventory.loading.LoadingProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Expires requests that waited too long for decisions, and approved batches that waited too long
 * for activation; their staged credentials are discarded. One transaction per batch, audited.
 */
@Component
public class BatchExpiry {

    private final JdbcClient jdbc;
    private final BatchLifecycle lifecycle;
    private final TransactionTemplate transaction;
    private final LoadingProperties.Approval settings;
    private final Clock clock;

    BatchExpiry(JdbcClient jdbc, BatchLifecycle lifecycle, PlatformTransactionManager transactions,
            LoadingProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.lifecycle = lifecycle;
        this.transaction = new TransactionTemplate(transactions);
        this.settings = properties.approval();
        this.clock = clock;
    }

    /** Expires every overdue batch now; returns how many expired. */
    public int expireOverdue() {
        Instant now = clock.instant();
        List<Long> overdue = jdbc.sql("""
                        select id from credential_batch
                        where (state = 'staged' and submitted_at <= :requestsBefore)
                           or (state = 'approved' and approved_at <= :approvalsBefore)
                        order by id""")
                .param("requestsBefore", Timestamp.from(now.minus(settings.requestValidity())))
                .param("approvalsBefore", Timestamp.from(now.minus(settings.activationValidity())))
                .query(Long.class).list();
        int expired = 0;
        for (long id : overdue) {
            expired += Boolean.TRUE.equals(transaction.execute(status -> expire(id, now))) ? 1 : 0;
        }
        return expired;
    }

    private boolean expire(long batchId, Instant now) {
        var batch = lifecycle.lock(batchId).filter(b -> lifecycle.overdue(b, now));
        batch.ifPresent(b -> lifecycle.expire(b, now)); // absent: decided or activated meanwhile
        return batch.isPresent();
    }
}
