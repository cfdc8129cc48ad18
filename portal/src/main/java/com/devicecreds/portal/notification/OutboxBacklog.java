package com.devicecreds.portal.notification;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * How far the e-mail outbox is behind: messages still to deliver (the sender's queue, partial index
 * {@code mail_outbox_due}), the oldest of them, and messages the sender gave up on. Read by the
 * business metrics.
 */
@Component
public class OutboxBacklog {

    /**
     * @param pending       messages not delivered yet and not given up on
     * @param oldestPending when the oldest of them was queued
     * @param failed        messages given up on after their last attempt (they show on the notifications page)
     */
    public record Counts(long pending, Optional<Instant> oldestPending, long failed) {
    }

    private final JdbcClient jdbc;

    OutboxBacklog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public Counts now() {
        return jdbc.sql("""
                        select (select count(*) from mail_outbox where sent_at is null and failed_at is null) as pending,
                               (select min(created_at) from mail_outbox where sent_at is null and failed_at is null) as oldest,
                               (select count(*) from mail_outbox where failed_at is not null) as failed""")
                .query((rs, n) -> new Counts(rs.getLong("pending"),
                        Optional.ofNullable(rs.getTimestamp("oldest")).map(Timestamp::toInstant), rs.getLong("failed")))
                .single();
    }
}
