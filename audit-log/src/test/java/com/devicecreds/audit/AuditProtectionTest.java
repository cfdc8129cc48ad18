package com.devicecreds.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import com.devicecreds.audit.internal.AuditChain;
import com.devicecreds.audit.keys.AuditSigner;
import com.devicecreds.audit.keys.PublicKeyring;
import com.devicecreds.audit.verify.Anchor;
import com.devicecreds.audit.verify.AnchorFile;
import com.devicecreds.audit.verify.AnchorReader;
import com.devicecreds.audit.verify.ChainVerifier;
import com.devicecreds.audit.verify.PurgeRecord;
import com.devicecreds.audit.verify.Tampering;
import com.devicecreds.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The database itself keeps the trail append-only for the application's connections: no update,
 * delete or truncate, a head that only moves forward, and a purge that keeps two years at least.
 * A database of its own, so that rows can be written years in the past.
 */
class AuditProtectionTest {

    private static final AuditChain CHAIN = new AuditChain(TrailFixture.KEY);
    private static DataSource dataSource;
    private static JdbcClient jdbc;

    @BeforeAll
    static void aTrailWithYearsOfHistory() {
        String name = "audit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        dataSource = TestPostgres.newDatabase(name);
        TestPostgres.migrate(dataSource);
        jdbc = JdbcClient.create(dataSource);
        Instant now = Instant.now();
        TrailFixture.append(jdbc, CHAIN, now.minus(Duration.ofDays(3 * 365)), Duration.ofDays(1), 10);
        TrailFixture.append(jdbc, CHAIN, now.minus(Duration.ofDays(400)), Duration.ofDays(1), 5);
        TrailFixture.append(jdbc, CHAIN, now.minus(Duration.ofHours(1)), Duration.ofMinutes(1), 5);
    }

    @Test
    void rows_cannot_be_updated_deleted_or_truncated() {
        assertRefused("update audit_event set outcome = 'success' where seq = 12");
        assertRefused("delete from audit_event where seq = 20");
        assertRefused("delete from audit_event");
        assertRefused("truncate audit_event");
        assertRefused("truncate audit_event cascade");
        // Setting the purge flag by hand does not open young rows.
        assertRefused("select set_config('audit.purging', 'on', false); delete from audit_event where seq = 20");
        assertThat(jdbc.sql("select count(*) from audit_event").query(Long.class).single()).isGreaterThanOrEqualTo(10);
    }

    @Test
    void the_head_only_moves_forward_onto_the_row_just_appended() {
        assertRefused("update audit_chain_head set seq = seq - 1, hash = (select row_hash from audit_event where seq = (select seq - 1 from audit_chain_head))");
        assertRefused("update audit_chain_head set seq = seq + 1");
        assertRefused("update audit_chain_head set hash = sha256(hash)");
        assertRefused("delete from audit_chain_head");
        assertRefused("update audit_chain_base set seq = 5");
    }

    @Test
    void the_purge_deletes_a_stated_range_outside_two_years_or_nothing_and_the_chain_verifies_from_its_new_base_only_with_its_record(
            @TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> jdbc.sql("select audit_purge(interval '1 year', 10)").query(Long.class).single())
                .rootCause().hasMessageContaining("Audit retention must be at least 2 years");
        assertThatThrownBy(() -> jdbc.sql("select audit_purge(interval '2 years', 12)").query(Long.class).single())
                .as("rows 11 and 12 are 400 days old").rootCause().hasMessageContaining("inside the retention");
        assertThat(jdbc.sql("select min(seq) from audit_event").query(Long.class).single()).isEqualTo(1);

        var record = jdbc.sql("select seq, row_hash, occurred_at from audit_event where seq = 10")
                .query((rs, n) -> new PurgeRecord(1, 10, rs.getBytes(2), rs.getTimestamp(3).toInstant(), Instant.now()))
                .single();
        long purged = jdbc.sql("select audit_purge(interval '2 years', 10)").query(Long.class).single();
        assertThat(purged).isEqualTo(10);
        assertThat(jdbc.sql("select min(seq) from audit_event").query(Long.class).single()).isEqualTo(11);
        assertThat(jdbc.sql("select seq from audit_chain_base").query(Long.class).single()).isEqualTo(10);
        assertThatThrownBy(() -> jdbc.sql("select audit_purge(interval '2 years', 10)").query(Long.class).single())
                .as("the range must start after the base").rootCause().hasMessageContaining("after the chain base");

        var signer = AuditSigner.generate(dir.resolve("key.pem"));
        var file = new AnchorFile(dir.resolve("anchors.jsonl"), signer);
        file.anchor(jdbc.sql("select seq, hash from audit_chain_head")
                .query((rs, n) -> new Anchor(rs.getLong(1), rs.getBytes(2), Instant.now())).single());
        var reader = new AnchorReader(PublicKeyring.of(List.of(signer.publicKey())), CHAIN);
        try (var connection = dataSource.getConnection()) {
            var withoutRecord = new ChainVerifier(CHAIN).verify(connection, reader.read(file.path()));
            assertThat(withoutRecord.tampering()).contains(Tampering.BASE_MOVED);
            assertThat(withoutRecord.firstBadSeq()).hasValue(1);

            file.purge(record);
            var report = new ChainVerifier(CHAIN).verify(connection, reader.read(file.path()));
            assertThat(report.intact()).as(report.message()).isTrue();
            assertThat(report.firstSeq()).isEqualTo(11);
            assertThat(report.rowsChecked()).isEqualTo(10);
        }
    }

    private static void assertRefused(String sql) {
        assertThatThrownBy(() -> jdbc.sql(sql).update())
                .as(sql)
                .rootCause().hasMessageContaining("refused");
    }
}
