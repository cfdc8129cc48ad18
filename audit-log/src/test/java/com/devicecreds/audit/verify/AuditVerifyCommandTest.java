package com.devicecreds.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.devicecreds.audit.TrailFixture;
import com.devicecreds.audit.internal.AuditChain;
import com.devicecreds.audit.keys.AuditSigner;
import com.devicecreds.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The command line verifier tells intact, tampered and unverifiable apart by its exit status, and refuses to guess. */
class AuditVerifyCommandTest {

    private static final Map<String, String> CHAIN_KEY = Map.of("AUDIT_CHAIN_KEY", TrailFixture.KEY);

    @TempDir
    static Path dir;
    private static String url;
    private static JdbcClient jdbc;
    private static AnchorFile anchors;
    private static String publicKey;

    @BeforeAll
    static void aTrailWithItsHeadAnchored() {
        var dataSource = TestPostgres.server().getPostgresDatabase();
        TestPostgres.migrate(dataSource);
        jdbc = JdbcClient.create(dataSource);
        TrailFixture.append(jdbc, new AuditChain(TrailFixture.KEY), Instant.now(), Duration.ofSeconds(1), 5);
        url = TestPostgres.server().getJdbcUrl("postgres", "postgres");
        var signer = AuditSigner.generate(dir.resolve("signing-key.pem"));
        publicKey = AuditSigner.publicFile(dir.resolve("signing-key.pem")).toString();
        anchors = new AnchorFile(dir.resolve("anchors.jsonl"), signer);
        anchors.anchor(head(0));
    }

    @Test
    void an_intact_trail_exits_0_with_the_chain_key_and_with_the_public_key_alone() {
        assertThat(run(CHAIN_KEY, "--url", url, "--anchors", anchors.path().toString(), "--public-key", publicKey)).isZero();
        assertThat(run(Map.of(), "--url", url, "--anchors", anchors.path().toString(), "--public-key", publicKey)).isZero();
    }

    @Test
    void the_wrong_chain_key_exits_2() {
        assertThat(run(Map.of("AUDIT_CHAIN_KEY", "a-different-chain-key-0000"), "--url", url,
                "--anchors", anchors.path().toString(), "--public-key", publicKey)).isEqualTo(2);
    }

    @Test
    void an_anchor_beyond_the_trail_exits_2(@TempDir Path other) throws Exception {
        var file = new AnchorFile(other.resolve("anchors.jsonl"), AuditSigner.read(dir.resolve("signing-key.pem")));
        file.anchor(head(3));
        assertThat(run(CHAIN_KEY, "--url", url, "--anchors", file.path().toString(), "--public-key", publicKey))
                .isEqualTo(2);
    }

    @Test
    void without_an_anchor_file_the_trail_could_not_be_verified_and_exits_1(@TempDir Path other) throws Exception {
        assertThat(run(CHAIN_KEY, "--url", url, "--public-key", publicKey)).isEqualTo(1);
        assertThat(run(CHAIN_KEY, "--url", url, "--anchors", other.resolve("none.jsonl").toString(), "--public-key",
                publicKey)).isEqualTo(1);
        Files.writeString(other.resolve("empty.jsonl"), "\n");
        assertThat(run(CHAIN_KEY, "--url", url, "--anchors", other.resolve("empty.jsonl").toString(), "--public-key",
                publicKey)).isEqualTo(1);
    }

    @Test
    void missing_settings_exit_1_without_verifying() {
        String file = anchors.path().toString();
        assertThat(run(CHAIN_KEY)).isEqualTo(1);
        assertThat(run(CHAIN_KEY, "--url", url, "--anchors", file)).as("no public key").isEqualTo(1);
        assertThat(run(CHAIN_KEY, "--url", url, "--anchors", file, "--public-key", file)).as("no key in it").isEqualTo(1);
        assertThat(run(CHAIN_KEY, "--url", url, "--bogus", "x")).isEqualTo(1);
        assertThat(run(CHAIN_KEY, "--url", "jdbc:postgresql://127.0.0.1:1/none", "--anchors", file, "--public-key",
                publicKey)).isEqualTo(1);
    }

    private static int run(Map<String, String> env, String... args) {
        return AuditVerifyCommand.run(args, env);
    }

    private static Anchor head(int beyond) {
        return jdbc.sql("select seq, hash from audit_chain_head")
                .query((rs, n) -> new Anchor(rs.getLong(1) + beyond, rs.getBytes(2), Instant.now())).single();
    }
}
