package com.devicecreds.audit.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.TreeSet;

import com.devicecreds.access.OperatorRef;
import com.devicecreds.audit.AuditProperties;
import com.devicecreds.audit.AuditReceipt;
import com.devicecreds.audit.AuditRow;
import com.devicecreds.audit.AuditRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends audit rows to the chain. The chain head row is locked for the length of a short
 * transaction of its own, so concurrent writers append strictly one after another and no two rows
 * share a predecessor.
 */
@Component
public class AuditWriter {

    private final JdbcClient jdbc;
    private final TransactionTemplate requiresNew;
    private final AuditChain chain;
    private final Clock clock;

    AuditWriter(JdbcClient jdbc, PlatformTransactionManager transactions, AuditProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.requiresNew = new TransactionTemplate(transactions);
        this.requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.chain = new AuditChain(properties.chainKey());
        this.clock = clock;
    }

    public AuditReceipt append(AuditRecord record) {
        return requiresNew.execute(status -> {
            var head = jdbc.sql("select seq, hash from audit_chain_head for update")
                    .query((rs, n) -> new Head(rs.getLong("seq"), rs.getBytes("hash")))
                    .single();
            long seq = head.seq() + 1;
            // PostgreSQL keeps microseconds: hash exactly what is stored.
            Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
            String roles = String.join(",", new TreeSet<>(record.actor().roles()));
            String operator = record.actor().operator().map(OperatorRef::code).orElse(null);
            String details = CanonicalForm.json(record.details());
            var row = new AuditRow(seq, at, record.actor().username(), roles, operator, record.action().name(),
                    record.target(), record.outcome().code(), details, head.hash(), null);
            byte[] rowHash = chain.hashOf(row);
            jdbc.sql("""
                            insert into audit_event (seq, occurred_at, actor, actor_roles, operator_code, action,
                                                     target, outcome, details, prev_hash, row_hash)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(seq, Timestamp.from(at), record.actor().username(), roles, operator,
                            record.action().name(), record.target(), record.outcome().code(), details,
                            head.hash(), rowHash)
                    .update();
            jdbc.sql("update audit_chain_head set seq = ?, hash = ?").params(seq, rowHash).update();
            return new AuditReceipt(seq, at, rowHash);
        });
    }

    private record Head(long seq, byte[] hash) {
    }
}
