package com.devicecreds.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.devicecreds.access.Actor;
import com.devicecreds.access.OperatorRef;
import com.devicecreds.access.Roles;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@SpringBootTest(classes = AuditModuleTestApplication.class)
class AuditLogTest {

    private static final Actor ANNA = new Actor("pki.anna", "Anna", Set.of(Roles.PKI_OPS), Optional.empty());

    @Autowired
    AuditLog auditLog;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void a_record_survives_the_rollback_of_the_business_transaction() {
        var tx = new TransactionTemplate(transactions);
        long[] seq = new long[1];
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            seq[0] = auditLog.record(AuditRecord.of(ANNA, AuditAction.LOGIN, AuditOutcome.FAILED, "pki.anna"))
                    .sequence();
            throw new IllegalStateException("business failure");
        })).isInstanceOf(IllegalStateException.class);

        var row = jdbc.sql("select actor, action, outcome from audit_event where seq = ?").param(seq[0])
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3))).single();
        assertThat(row).containsExactly("pki.anna", "LOGIN", "failed");
    }

    @Test
    void every_row_chains_to_its_predecessor_with_the_configured_key() throws Exception {
        var operatorStaff = new Actor("op.nordkabel", "Nina", Set.of(Roles.OPERATOR_STAFF),
                Optional.of(new OperatorRef((short) 1, "nordkabel")));
        auditLog.record(AuditRecord.of(operatorStaff, AuditAction.LOGIN, AuditOutcome.SUCCESS, "op.nordkabel")
                .withDetail("quote\"and\\slash", "line\nbreak"));
        auditLog.record(AuditRecord.of(ANNA, AuditAction.LOGOUT, AuditOutcome.SUCCESS, "pki.anna"));

        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("test-audit-chain-key-0123456789".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] previous = new byte[32];
        for (var row : rows()) {
            assertThat(row.prevHash()).as("prev_hash of row %d", row.seq()).isEqualTo(previous);
            byte[] expected = mac.doFinal(row.canonical().getBytes(StandardCharsets.UTF_8));
            assertThat(row.rowHash()).as("row_hash of row %d", row.seq()).isEqualTo(expected);
            previous = row.rowHash();
        }
        var head = jdbc.sql("select hash from audit_chain_head").query(byte[].class).single();
        assertThat(head).isEqualTo(previous);
    }

    @Test
    void concurrent_writers_append_a_gapless_chain() throws Exception {
        long before = jdbc.sql("select coalesce(max(seq), 0) from audit_event").query(Long.class).single();
        var pool = Executors.newFixedThreadPool(8);
        var receipts = Collections.synchronizedList(new ArrayList<Long>());
        for (int i = 0; i < 200; i++) {
            pool.submit(() -> receipts.add(auditLog.record(
                    AuditRecord.of(ANNA, AuditAction.ACCESS_DENIED, AuditOutcome.DENIED, "x")).sequence()));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        assertThat(receipts).hasSize(200).doesNotHaveDuplicates();
        long after = jdbc.sql("select max(seq) from audit_event").query(Long.class).single();
        long count = jdbc.sql("select count(*) from audit_event where seq > ?").param(before).query(Long.class).single();
        assertThat(after - before).isEqualTo(200);
        assertThat(count).isEqualTo(200);
    }

    private List<Row> rows() {
        return jdbc.sql("""
                        select seq, occurred_at, actor, actor_roles, coalesce(operator_code, '') as operator_code,
                               action, target, outcome, details, prev_hash, row_hash, key_id
                        from audit_event order by seq""")
                .query((rs, n) -> {
                    var fields = new java.util.TreeMap<String, String>();
                    fields.put("seq", Long.toString(rs.getLong("seq")));
                    fields.put("occurred_at", rs.getTimestamp("occurred_at").toInstant().toString());
                    for (String c : List.of("actor", "actor_roles", "operator_code", "action", "target", "outcome",
                            "details")) {
                        fields.put(c, rs.getString(c));
                    }
                    fields.put("prev_hash", HexFormat.of().formatHex(rs.getBytes("prev_hash")));
                    if (rs.getString("key_id") != null) {
                        fields.put("key_id", rs.getString("key_id")); // named by every row since decision 024
                    }
                    return new Row(rs.getLong("seq"), json(fields), rs.getBytes("prev_hash"), rs.getBytes("row_hash"));
                })
                .list();
    }

    /** An independent rendering of the canonical form, so the test does not trust the writer's own. */
    private static String json(Map<String, String> sorted) {
        var sb = new StringBuilder("{");
        sorted.forEach((k, v) -> sb.append(sb.length() > 1 ? "," : "").append(q(k)).append(':').append(q(v)));
        return sb.append('}').toString();
    }

    private static String q(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r")
                .replace("\t", "\\t") + '"';
    }

    private record Row(long seq, String canonical, byte[] prevHash, byte[] rowHash) {
    }
}
