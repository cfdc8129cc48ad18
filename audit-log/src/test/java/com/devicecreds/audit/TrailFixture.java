package com.devicecreds.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import com.devicecreds.audit.internal.AuditChain;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Appends rows to the audit chain directly, as the writer would but with chosen times: rows years
 * old for the retention purge, a million rows for the benchmark.
 */
public final class TrailFixture {

    public static final String KEY = "test-audit-chain-key-0123456789";

    private TrailFixture() {
    }

    /** Appends one row at a time through the protection triggers, moving the head with each. */
    public static void append(JdbcClient jdbc, AuditChain chain, Instant from, Duration step, int rows) {
        var head = head(jdbc);
        for (int i = 0; i < rows; i++) {
            AuditRow row = next(chain, head, from.plus(step.multipliedBy(i)), i);
            insert(jdbc, List.of(row));
            jdbc.sql("update audit_chain_head set seq = ?, hash = ?").params(row.seq(), row.rowHash()).update();
            head = row;
        }
    }

    /**
     * Loads many rows in batches with the triggers switched off (a superuser's privilege, which the
     * portal's own role in production does not have), then sets the head once. For benchmarks only.
     */
    public static void bulkLoad(DataSource dataSource, AuditChain chain, Instant from, Duration step, int rows)
            throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            var jdbc = JdbcClient.create(new SingleConnectionDataSource(connection, true));
            jdbc.sql("set session_replication_role = replica").update();
            var head = head(jdbc);
            var batch = new ArrayList<AuditRow>();
            for (int i = 0; i < rows; i++) {
                head = next(chain, head, from.plus(step.multipliedBy(i)), i);
                batch.add(head);
                if (batch.size() == 5_000 || i == rows - 1) {
                    insert(jdbc, batch);
                    batch.clear();
                }
            }
            jdbc.sql("update audit_chain_head set seq = ?, hash = ?").params(head.seq(), head.rowHash()).update();
            jdbc.sql("set session_replication_role = origin").update();
        }
    }

    private static AuditRow head(JdbcClient jdbc) {
        return jdbc.sql("select seq, hash from audit_chain_head")
                .query((rs, n) -> new AuditRow(rs.getLong(1), Instant.EPOCH, "", "", null, "", "", "", "{}", null,
                        rs.getBytes(2), null))
                .single();
    }

    private static AuditRow next(AuditChain chain, AuditRow previous, Instant time, int i) {
        Instant at = time.truncatedTo(ChronoUnit.MICROS); // as PostgreSQL stores it
        var row = new AuditRow(previous.seq() + 1, at, "pki.user" + (i % 17), "PKI_OPS", i % 3 == 0 ? "nordkabel" : null,
                AuditAction.values()[i % AuditAction.values().length].name(), "target-" + i,
                i % 11 == 0 ? "denied" : "success", "{\"n\":\"" + i + "\"}", previous.rowHash(), null,
                chain.currentKeyId());
        return new AuditRow(row.seq(), row.occurredAt(), row.actor(), row.actorRoles(), row.operatorCode(), row.action(),
                row.target(), row.outcome(), row.details(), row.prevHash(), chain.hashOf(row), row.keyId());
    }

    private static void insert(JdbcClient jdbc, List<AuditRow> rows) {
        var sql = new StringBuilder("""
                insert into audit_event (seq, occurred_at, actor, actor_roles, operator_code, action, target, outcome,
                                         details, prev_hash, row_hash, key_id) values """);
        var params = new ArrayList<Object>();
        for (var row : rows) {
            sql.append(params.isEmpty() ? "" : ",").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            params.addAll(Arrays.asList(row.seq(), Timestamp.from(row.occurredAt()), row.actor(),
                    row.actorRoles(), row.operatorCode(), row.action(), row.target(), row.outcome(), row.details(),
                    row.prevHash(), row.rowHash(), row.keyId()));
        }
        jdbc.sql(sql.toString()).params(params).update();
    }
}
