package com.devicecreds.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import com.devicecreds.audit.TrailFixture;
import com.devicecreds.audit.internal.AuditChain;
import com.devicecreds.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The command line verifier tells intact from tampered by its exit status, and refuses to guess. */
class AuditVerifyCommandTest {

    private static String url;
    private static JdbcClient jdbc;

    @BeforeAll
    static void aTrail() {
        var dataSource = TestPostgres.server().getPostgresDatabase();
        TestPostgres.migrate(dataSource);
        jdbc = JdbcClient.create(dataSource);
        TrailFixture.append(jdbc, new AuditChain(TrailFixture.KEY), Instant.now(), Duration.ofSeconds(1), 5);
        url = TestPostgres.server().getJdbcUrl("postgres", "postgres");
    }

    @Test
    void an_intact_trail_exits_0() {
        assertThat(AuditVerifyCommand.run(new String[] {"--url", url}, TrailFixture.KEY, null)).isZero();
    }

    @Test
    void the_wrong_key_exits_2() {
        assertThat(AuditVerifyCommand.run(new String[] {"--url", url}, "a-different-chain-key-0000", null)).isEqualTo(2);
    }

    @Test
    void an_anchor_beyond_the_trail_exits_2(@TempDir Path dir) {
        var chain = new AuditChain(TrailFixture.KEY);
        var file = new AnchorFile(dir.resolve("anchors.jsonl"), chain);
        long head = jdbc.sql("select seq from audit_chain_head").query(Long.class).single();
        file.append(new Anchor(head + 3, new byte[32], Instant.now()));
        assertThat(AuditVerifyCommand.run(new String[] {"--url", url, "--anchors", file.path().toString()},
                TrailFixture.KEY, null)).isEqualTo(2);
    }

    @Test
    void missing_settings_exit_1_without_verifying() {
        assertThat(AuditVerifyCommand.run(new String[] {}, TrailFixture.KEY, null)).isEqualTo(1);
        assertThat(AuditVerifyCommand.run(new String[] {"--url", url}, null, null)).isEqualTo(1);
        assertThat(AuditVerifyCommand.run(new String[] {"--url", url, "--bogus", "x"}, TrailFixture.KEY, null)).isEqualTo(1);
        assertThat(AuditVerifyCommand.run(new String[] {"--url", "jdbc:postgresql://127.0.0.1:1/none"}, TrailFixture.KEY,
                null)).isEqualTo(1);
    }
}
