package com.devicecreds.audit.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.TreeSet;

import com.devicecreds.access.OperatorRef;
import com.devicecreds.audit.AuditReceipt;
import com.devicecreds.audit.AuditRow;
import com.devicecreds.audit.AuditRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends audit rows to the chain. The chain head row is locked for the length of a short
 * transaction of its own, so concurrent writers append strictly one after another and no two rows
 * share a predecessor. Once the row is committed, the witness records it outside the database before
 * the call returns (decision 024); should that fail, the row stands and the periodic anchor covers it.
 */
@Component
public class AuditWriter {

    private static final Logger log = LoggerFactory.getLogger(AuditWriter.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate requiresNew;
    private final AuditChain chain;
    private final Clock clock;
    private final RowWitness witness;

    AuditWriter(JdbcClient jdbc, PlatformTransactionManager transactions, AuditChain chain, Clock clock,
            RowWitness witness) {
        this.jdbc = jdbc;
        this.requiresNew = new TransactionTemplate(transactions);
        this.requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.chain = chain;
        this.clock = clock;
        this.witness = witness;
    }

    public AuditReceipt append(AuditRecord record) {
        AuditRow row = requiresNew.execute(status -> insert(record));
        try {
            witness.witness(row);
        } catch (RuntimeException e) {
            log.error("Audit row {} is committed but could not be witnessed outside the database; the next anchor "
                    + "covers it if it is still there", row.seq(), e);
        }
        return new AuditReceipt(row.seq(), row.occurredAt(), row.rowHash());
    }

    private AuditRow insert(AuditRecord record) {
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
                record.target(), record.outcome().code(), details, head.hash(), null, chain.currentKeyId());
        byte[] rowHash = chain.hashOf(row);
        jdbc.sql("""
                        insert into audit_event (seq, occurred_at, actor, actor_roles, operator_code, action,
                                                 target, outcome, details, prev_hash, row_hash, key_id)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(seq, Timestamp.from(at), record.actor().username(), roles, operator,
                        record.action().name(), record.target(), record.outcome().code(), details,
                        head.hash(), rowHash, row.keyId())
                .update();
        jdbc.sql("update audit_chain_head set seq = ?, hash = ?").params(seq, rowHash).update();
        return new AuditRow(seq, at, row.actor(), roles, operator, row.action(), row.target(), row.outcome(),
                details, head.hash(), rowHash, row.keyId());
    }

    private record Head(long seq, byte[] hash) {
    }
}
