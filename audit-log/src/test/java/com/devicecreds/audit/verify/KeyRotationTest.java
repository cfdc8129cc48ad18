package com.devicecreds.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.devicecreds.audit.AuditProperties;
import com.devicecreds.audit.TrailFixture;
import com.devicecreds.audit.internal.AuditChain;
import com.devicecreds.audit.keys.AuditKeys;
import com.devicecreds.audit.keys.AuditSigner;
import com.devicecreds.audit.keys.PublicKeyring;
import com.devicecreds.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Both keys rotate without breaking older rows (decision 024): rows name the chain key that hashed them
 * and anchors the signing key that signed them, and the verifier keeps the earlier keys in its rings.
 */
class KeyRotationTest {

    private static final String OLD_CHAIN_KEY = "the-first-chain-key-0123456789";
    private static final String NEW_CHAIN_KEY = "the-second-chain-key-9876543210";

    @TempDir
    Path dir;

    @Test
    void rows_and_anchors_made_before_a_rotation_of_both_keys_verify_with_the_key_rings() throws Exception {
        DataSource dataSource = TestPostgres.newDatabase("rotation_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        TestPostgres.migrate(dataSource);
        var jdbc = JdbcClient.create(dataSource);
        var before = new AuditChain("2025", Map.of("2025", OLD_CHAIN_KEY));
        var oldSigner = AuditSigner.generate(dir.resolve("old.pem"));
        var anchors = dir.resolve("anchors.jsonl");
        TrailFixture.append(jdbc, before, Instant.now(), Duration.ofSeconds(1), 3);
        new AnchorFile(anchors, oldSigner).anchor(head(jdbc));

        var properties = new AuditProperties(NEW_CHAIN_KEY, "2026", Map.of("2025", OLD_CHAIN_KEY), dir.resolve("new.pem"),
                true, List.of(AuditSigner.publicFile(dir.resolve("old.pem"))), anchors, Duration.ofMinutes(10),
                Duration.ofDays(730), null, 0);
        var keys = AuditKeys.from(properties);
        TrailFixture.append(jdbc, keys.chain(), Instant.now(), Duration.ofSeconds(1), 3);
        new AnchorFile(anchors, keys.signer()).anchor(head(jdbc));
        assertThat(jdbc.sql("select key_id from audit_event order by seq").query(String.class).list())
                .containsExactly("2025", "2025", "2025", "2026", "2026", "2026");

        var intact = verify(dataSource, keys.chain(), keys.publicKeys(), anchors);
        assertThat(intact.intact()).as(intact.message()).isTrue();
        assertThat(intact.anchorsUsed()).isEqualTo(2);

        var withoutOldChainKey = verify(dataSource, new AuditChain(NEW_CHAIN_KEY), keys.publicKeys(), anchors);
        assertThat(withoutOldChainKey.firstBadSeq()).as("rows of the old key cannot be checked without it").hasValue(1);
        var withoutOldPublicKey = verify(dataSource, keys.chain(), PublicKeyring.of(List.of(keys.signer().publicKey())),
                anchors);
        assertThat(withoutOldPublicKey.tampering()).contains(Tampering.ANCHOR_FORGED);
        assertThat(withoutOldPublicKey.message()).contains("not one of the audit trail's keys");
    }

    private static VerificationReport verify(DataSource dataSource, AuditChain chain, PublicKeyring publicKeys,
            Path anchors) throws Exception {
        try (var connection = dataSource.getConnection()) {
            return new ChainVerifier(chain).verify(connection, new AnchorReader(publicKeys, chain).read(anchors));
        }
    }

    private static Anchor head(JdbcClient jdbc) {
        return jdbc.sql("select seq, hash from audit_chain_head")
                .query((rs, n) -> new Anchor(rs.getLong(1), rs.getBytes(2), Instant.now())).single();
    }
}
