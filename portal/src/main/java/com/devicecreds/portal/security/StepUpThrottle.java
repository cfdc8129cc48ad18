package com.devicecreds.portal.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.devicecreds.access.Actor;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.audit.AuditLog;
import com.devicecreds.audit.AuditOutcome;
import com.devicecreds.audit.AuditRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Throttles wrong step-up passwords per user, across nodes through the database (V48): from the
 * {@value #FREE_FAILURES}th consecutive failure on, each failure locks the user's step-up for
 * {@link #BASE_LOCK}, doubled with each further failure up to {@link #MAX_LOCK}; while locked no
 * password is checked. Every failure and every try while locked is audited as
 * {@link AuditAction#STEP_UP_FAILED}; a right password clears the count
 * (docs/decisions/027-quorum-withdrawal-and-step-up.md).
 */
@Component
public class StepUpThrottle {

    static final int FREE_FAILURES = 5;
    static final Duration BASE_LOCK = Duration.ofSeconds(30);
    static final Duration MAX_LOCK = Duration.ofHours(1);

    private final JdbcClient jdbc;
    private final AuditLog auditLog;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    StepUpThrottle(JdbcClient jdbc, AuditLog auditLog, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.auditLog = auditLog;
        this.ownTransaction = new TransactionTemplate(transactions);
        // A failure counts even when the caller's work rolls back.
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** Refuses (audited) when the actor's step-up is locked now. */
    public void checkNotLocked(Actor actor) {
        Instant now = clock.instant();
        Optional<Instant> until = jdbc.sql("select locked_until from step_up_failure where username = ? and locked_until > ?")
                .params(actor.username(), Timestamp.from(now)).query(Timestamp.class).optional().map(Timestamp::toInstant);
        if (until.isPresent()) {
            auditLog.record(AuditRecord.of(actor, AuditAction.STEP_UP_FAILED, AuditOutcome.DENIED, "user:" + actor.username())
                    .withDetail("refused", "locked")
                    .withDetail("lockedUntil", until.get().toString()));
            throw new StepUpThrottledException(Duration.between(now, until.get()));
        }
    }

    /** Counts a wrong password (audited); returns the lock it started, if any. */
    public Optional<Instant> failed(Actor actor) {
        Instant now = clock.instant();
        int failures = ownTransaction.execute(status -> jdbc.sql("""
                        insert into step_up_failure (username, failures, last_failure_at) values (?, 1, ?)
                        on conflict (username) do update
                            set failures = step_up_failure.failures + 1, last_failure_at = excluded.last_failure_at
                        returning failures""")
                .params(actor.username(), Timestamp.from(now)).query(Integer.class).single());
        Optional<Instant> until = lockAfter(failures).map(now::plus);
        until.ifPresent(at -> ownTransaction.executeWithoutResult(status -> jdbc.sql(
                        "update step_up_failure set locked_until = ? where username = ?")
                .params(Timestamp.from(at), actor.username()).update()));
        var record = AuditRecord.of(actor, AuditAction.STEP_UP_FAILED, AuditOutcome.DENIED, "user:" + actor.username())
                .withDetail("refused", "wrong password")
                .withDetail("failures", failures);
        auditLog.record(until.map(at -> record.withDetail("lockedUntil", at.toString())).orElse(record));
        return until;
    }

    /** A right password: the count starts again. */
    public void succeeded(Actor actor) {
        ownTransaction.executeWithoutResult(status ->
                jdbc.sql("delete from step_up_failure where username = ?").param(actor.username()).update());
    }

    /** The lock after the given number of consecutive failures: none below the threshold, then doubling. */
    static Optional<Duration> lockAfter(int failures) {
        if (failures < FREE_FAILURES) {
            return Optional.empty();
        }
        int doublings = Math.min(failures - FREE_FAILURES, 20);
        Duration lock = BASE_LOCK.multipliedBy(1L << doublings);
        return Optional.of(lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock);
    }
}
