package com.devicecreds.audit.trail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.devicecreds.access.Actor;
import com.devicecreds.access.OperatorRef;
import com.devicecreds.access.Roles;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.audit.AuditLog;
import com.devicecreds.audit.AuditModuleTestApplication;
import com.devicecreds.audit.AuditOutcome;
import com.devicecreds.audit.AuditRecord;
import com.devicecreds.audit.AuditRow;
import com.devicecreds.audit.TrailFixture;
import com.devicecreds.audit.internal.AuditChain;
import com.devicecreds.audit.keys.AuditKeys;
import com.devicecreds.audit.keys.PublicKeyring;
import com.devicecreds.audit.verify.ExportVerifier;
import com.devicecreds.testsupport.SignedIn;
import com.devicecreds.testsupport.RecordsAudit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

@SpringBootTest(classes = AuditModuleTestApplication.class)
class AuditTrailTest {

    @Autowired
    AuditKeys keys;
    @Autowired
    AuditTrail trail;
    @Autowired
    AuditLog auditLog;
    @Autowired
    JdbcClient jdbc;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private Instant start;
    private SignedIn auditor;

    @BeforeEach
    void rowsOfThisRun() {
        start = Instant.now().minusSeconds(1);
        var staff = new Actor("op.tr" + run, "Tom", Set.of(Roles.OPERATOR_STAFF),
                Optional.of(new OperatorRef((short) 1, "opx" + run)));
        var pki = new Actor("pki.tr" + run, "Pia", Set.of(Roles.PKI_OPS), Optional.empty());
        auditLog.record(AuditRecord.of(staff, AuditAction.LOGIN, AuditOutcome.SUCCESS, "op.tr" + run));
        auditLog.record(AuditRecord.of(staff, AuditAction.ACCESS_DENIED, AuditOutcome.DENIED, "pool 100%_" + run));
        auditLog.record(AuditRecord.of(pki, AuditAction.POOL_THRESHOLDS_CHANGED, AuditOutcome.SUCCESS, "pool-x-" + run)
                .withDetail("old", "10").withDetail("new", "20"));
        auditLog.record(AuditRecord.of(pki, AuditAction.LOGIN, AuditOutcome.FAILED, "pki.tr" + run));
        auditor = SignedIn.auditor();
    }

    @AfterEach
    void signOut() {
        auditor.close();
    }

    @Test
    void each_filter_narrows_the_search_and_rows_come_newest_first() {
        var since = Optional.of(start);
        assertThat(actions(query(Optional.of("OP.TR" + run), Optional.empty(), Optional.empty(), Optional.empty(), since)))
                .containsExactly("ACCESS_DENIED", "LOGIN");
        assertThat(actions(query(Optional.of("pki.tr" + run), Optional.of(AuditAction.LOGIN), Optional.empty(),
                Optional.empty(), since))).containsExactly("LOGIN");
        assertThat(actions(query(Optional.empty(), Optional.empty(), Optional.of("X-" + run), Optional.empty(), since)))
                .containsExactly("POOL_THRESHOLDS_CHANGED");
        assertThat(actions(query(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("opx" + run), since)))
                .containsExactly("ACCESS_DENIED", "LOGIN");
        var failed = new AuditQuery(Optional.of("pki.tr" + run), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(AuditOutcome.FAILED), since, Optional.empty());
        assertThat(actions(failed)).containsExactly("LOGIN");
        assertThat(trail.count(failed)).isEqualTo(1);
        var before = new AuditQuery(Optional.of("pki.tr" + run), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), since);
        assertThat(trail.count(before)).as("nothing of this run before it started").isZero();
    }

    @Test
    void like_wildcards_in_search_text_are_taken_literally() {
        assertThat(actions(query(Optional.empty(), Optional.empty(), Optional.of("100%_" + run), Optional.empty(),
                Optional.of(start)))).containsExactly("ACCESS_DENIED");
        assertThat(trail.count(query(Optional.of("%"), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty()))).isZero();
    }

    @Test
    void bad_searches_are_refused_with_a_clear_message() {
        assertThatThrownBy(() -> query(Optional.of("x".repeat(201)), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty())).hasMessageContaining("longer than 200 characters");
        assertThatThrownBy(() -> new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(start), Optional.of(start.minusSeconds(5))))
                .hasMessageContaining("'from' must be before 'to'");
        assertThatThrownBy(() -> trail.search(AuditQuery.ALL, 0, 5000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void only_auditors_and_administrators_search_the_trail() {
        auditor.close();
        try (var pki = SignedIn.pkiOps()) {
            assertThatThrownBy(() -> trail.count(AuditQuery.ALL)).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> trail.exportSignedJsonLines(AuditQuery.ALL, new ByteArrayOutputStream()))
                    .isInstanceOf(AccessDeniedException.class);
        }
        auditor = SignedIn.auditor();
    }

    @Test
    @RecordsAudit(AuditAction.AUDIT_EXPORTED)
    void an_export_verifies_offline_is_recorded_once_and_any_change_to_it_is_found() throws Exception {
        long exportsBefore = jdbc.sql("select count(*) from audit_event where action = 'AUDIT_EXPORTED'")
                .query(Long.class).single();
        var out = new ByteArrayOutputStream();
        long rows = trail.exportSignedJsonLines(AuditQuery.ALL, out);
        String export = out.toString(StandardCharsets.UTF_8);
        var verifier = new ExportVerifier(new AuditChain(TrailFixture.KEY), keys.publicKeys());

        var ok = verifier.verify(reader(export));
        assertThat(ok.intact()).as(ok.message()).isTrue();
        var publicKeyOnly = new ExportVerifier(null, keys.publicKeys()).verify(reader(export));
        assertThat(publicKeyOnly.intact()).as(publicKeyOnly.message()).isTrue();
        assertThat(publicKeyOnly.message()).contains("signed with signing key " + keys.signer().keyId());
        assertThat(ok.rows()).isEqualTo(rows).isEqualTo(trail.count(AuditQuery.ALL) - 1);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'AUDIT_EXPORTED'").query(Long.class).single())
                .isEqualTo(exportsBefore + 1);

        List<String> lines = new ArrayList<>(export.lines().toList());
        var changed = new ArrayList<>(lines);
        changed.set(1, changed.get(1).replace("\"outcome\":\"success\"", "\"outcome\":\"failed\""));
        var dropped = new ArrayList<>(lines);
        dropped.remove(2);
        var cut = lines.subList(0, lines.size() - 1);
        var swapped = new ArrayList<>(lines);
        java.util.Collections.swap(swapped, 1, 2);
        for (var tampered : List.of(changed, dropped, cut, swapped)) {
            var result = verifier.verify(reader(String.join("\n", tampered) + "\n"));
            assertThat(result.intact()).as(result.message()).isFalse();
        }
        var wrongChainKey = new ExportVerifier(new AuditChain("not-the-chain-key-at-all"), keys.publicKeys())
                .verify(reader(export));
        assertThat(wrongChainKey.message()).contains("does not match the hash the trail held");
        var otherPublicKey = PublicKeyring.of(List.of(java.security.KeyPairGenerator.getInstance("Ed25519")
                .generateKeyPair().getPublic()));
        var wrongSigningKey = new ExportVerifier(null, otherPublicKey).verify(reader(export));
        assertThat(wrongSigningKey.exitCode()).isEqualTo(2);
        assertThat(wrongSigningKey.message()).contains("not one of the audit trail's keys");
    }

    private AuditQuery query(Optional<String> actor, Optional<AuditAction> action, Optional<String> target,
            Optional<String> operator, Optional<Instant> from) {
        return new AuditQuery(actor, action, target, operator, Optional.empty(), from, Optional.empty());
    }

    private List<String> actions(AuditQuery query) {
        return trail.search(query, 0, 100).stream().map(AuditRow::action).toList();
    }

    private static BufferedReader reader(String text) {
        return new BufferedReader(new StringReader(text));
    }
}
