package com.devicecreds.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import com.devicecreds.access.Actor;
import com.devicecreds.access.Roles;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.audit.AuditLog;
import com.devicecreds.audit.AuditModuleTestApplication;
import com.devicecreds.audit.AuditOutcome;
import com.devicecreds.audit.AuditProperties;
import com.devicecreds.audit.AuditRecord;
import com.devicecreds.audit.keys.AuditKeys;
import com.devicecreds.audit.keys.AuditSigner;
import com.devicecreds.audit.verify.VerificationReport.Verdict;
import com.devicecreds.testsupport.SignedIn;
import com.devicecreds.testsupport.OwnDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The adversarial suite of decision 024: an insider tampers with the audit trail as the embedded
 * PostgreSQL's superuser (triggers off), as the operating-system user on the anchor file, and with the
 * chain key but not the signing key. Every case must be found by the verifier behind the Audit trail
 * page and by {@link AuditVerifyCommand} (with and without the chain key), with the right exit status
 * and the right row. The trail is restored after each case.
 */
@SpringBootTest(classes = {AuditModuleTestApplication.class, OwnDatabase.class},
        properties = "spring.application.name=insider-tamper-suite")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InsiderTamperSuiteTest {

    private static final long K = 20;
    private static final Actor ACTOR = new Actor("pki.anna", "Anna", Set.of(Roles.PKI_OPS), Optional.empty());

    @Autowired
    AuditLog auditLog;
    @Autowired
    AuditVerification verification;
    @Autowired
    AuditKeys keys;
    @Autowired
    AuditProperties properties;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    DataSource dataSource;

    @TempDir
    Path attackerDir;
    private InsiderAttacks attack;
    private byte[] anchorsBefore;
    private long last;

    record Case(String name, Runnable tamper, Verdict verdict, long row) {
    }

    @BeforeAll
    void aTrailOf40WitnessedRowsAndACopyOfIt() throws Exception {
        for (int i = 1; i <= 40; i++) {
            auditLog.record(AuditRecord.of(ACTOR, AuditAction.values()[i % AuditAction.values().length],
                    AuditOutcome.SUCCESS, "target-" + i).withDetail("i", i));
        }
        last = jdbc.sql("select seq from audit_chain_head").query(Long.class).single();
        jdbc.sql("create table trail_copy as select * from audit_event").update();
        anchorsBefore = Files.readAllBytes(properties.anchorFile());
        attack = new InsiderAttacks(jdbc, transactions, properties.anchorFile());
    }

    @Test
    void every_insider_tampering_is_found_by_the_page_and_the_command_at_its_row() throws Exception {
        AuditSigner other = AuditSigner.generate(attackerDir.resolve("attacker-key.pem"));
        var cases = List.of(
                new Case("middle row edited", () -> attack.asSuperuser(
                        "update audit_event set target = target || ' (edited)' where seq = " + K), Verdict.TAMPERED, K),
                new Case("middle row deleted", () -> attack.asSuperuser("delete from audit_event where seq = " + K),
                        Verdict.TAMPERED, K),
                new Case("row inserted in the middle", () -> attack.insertRow(K), Verdict.TAMPERED, K),
                new Case("two middle rows swapped", () -> attack.swapRows(K, K + 1), Verdict.TAMPERED, K),
                new Case("oldest rows deleted (head purge)", () -> attack.asSuperuser("delete from audit_event where seq <= 3"),
                        Verdict.TAMPERED, 1),
                new Case("base moved past deleted oldest rows", () -> attack.moveBasePast(3), Verdict.TAMPERED, 1),
                new Case("faked purge of minutes-old rows, recorded with another key", () -> {
                    attack.moveBasePast(3);
                    attack.recordFakePurge(3, other);
                }, Verdict.TAMPERED, 1),
                new Case("faked purge of minutes-old rows, recorded with the signing key", () -> {
                    attack.moveBasePast(3);
                    attack.recordFakePurge(3, keys.signer());
                }, Verdict.TAMPERED, 1),
                new Case("tail of 1 row cut, head set back", () -> attack.cutTail(last - 1), Verdict.TAMPERED, last),
                new Case("tail of 5 rows cut, head set back", () -> attack.cutTail(last - 5), Verdict.TAMPERED, last - 4),
                new Case("anchor file removed", () -> delete(properties.anchorFile()), Verdict.UNVERIFIABLE, -1),
                new Case("anchor file emptied", () -> write(properties.anchorFile(), new byte[0]), Verdict.UNVERIFIABLE, -1),
                new Case("anchor file unreadable", () -> {
                    delete(properties.anchorFile());
                    createDirectory(properties.anchorFile());
                }, Verdict.UNVERIFIABLE, -1),
                new Case("anchor line edited", () -> attack.editAnchorLines(line -> InsiderAttacks.isWitnessOf(line, K)
                        ? InsiderAttacks.withHashAltered(line) : line), Verdict.TAMPERED, K),
                new Case("anchor file re-signed with another key", () -> attack.editAnchorLines(
                        line -> InsiderAttacks.resign(line, other, null)), Verdict.TAMPERED, 1),
                new Case("anchor line signed with another key under the real key id", () -> attack.editAnchorLines(
                        line -> InsiderAttacks.isWitnessOf(line, K) ? InsiderAttacks.resign(line, other, keys.signer().keyId())
                                : line), Verdict.TAMPERED, K),
                new Case("chain recomputed with the chain key, without the signing key",
                        () -> attack.rewriteChainFrom(K, keys.chain()), Verdict.TAMPERED, K));

        var misses = new ArrayList<String>();
        var table = new StringBuilder();
        for (var c : cases) {
            c.tamper().run();
            try {
                var withKey = cli(Map.of("AUDIT_CHAIN_KEY", properties.chainKey()));
                var publicKeyOnly = cli(Map.of());
                VerificationReport page;
                try (var auditor = SignedIn.auditor()) {
                    page = verification.verify();
                }
                String row = page.firstBadSeq().isPresent() ? "row " + page.firstBadSeq().getAsLong() : "no row";
                table.append("%-72s | %-16s | %-7s | CLI %d, public key only %d | %s%n".formatted(c.name(), page.headline(),
                        row, withKey.code(), publicKeyOnly.code(), page.tampering().map(Enum::name).orElse("")));
                boolean rightRow = c.row() < 0 ? page.firstBadSeq().isEmpty() : page.firstBadSeq().orElse(-1) == c.row();
                String words = c.row() < 0 ? "Could not verify" : "Row " + c.row() + ": ";
                if (page.verdict() != c.verdict() || !rightRow || withKey.code() != page.exitCode()
                        || publicKeyOnly.code() != page.exitCode() || !withKey.out().contains(page.headline())
                        || !withKey.out().contains(page.message()) || !publicKeyOnly.out().contains(words)) {
                    misses.add(c.name() + ": page said " + page.headline() + " / " + page.message() + "; CLI " + withKey
                            + "; public key only " + publicKeyOnly);
                }
            } finally {
                restore();
            }
        }
        System.out.print(table);
        System.out.printf("%d tamper cases, %d detected%n", cases.size(), cases.size() - misses.size());
        assertThat(misses).isEmpty();
        assertThat(verifyNow().intact()).as("restored after the last case").isTrue();
    }

    @Test
    void the_database_refuses_to_purge_minutes_old_rows_through_its_purge_function() {
        assertThatThrownBy(() -> jdbc.sql("select audit_purge(interval '2 years', 3)").query(Long.class).single())
                .rootCause().hasMessageContaining("inside the retention");
        assertThat(jdbc.sql("select seq from audit_chain_base").query(Long.class).single()).isZero();
    }

    /**
     * The window in which a cut-off tail goes unseen: from a row's commit until its witness line is
     * forced to disk (signing, appending and fsync). Printed for decision 024; the bound only catches a
     * witness that blocks.
     */
    @Test
    void a_committed_row_is_witnessed_on_disk_within_milliseconds() {
        var witness = new AnchorFile(attackerDir.resolve("window.jsonl"), keys.signer());
        var row = jdbc.sql("""
                        select seq, occurred_at, actor, actor_roles, operator_code, action, target, outcome, details,
                               prev_hash, row_hash, key_id from audit_event where seq = 1""")
                .query((rs, n) -> com.devicecreds.audit.AuditRow.read(rs)).single();
        long[] micros = new long[200];
        for (int i = 0; i < micros.length; i++) {
            long start = System.nanoTime();
            witness.witness(row);
            micros[i] = (System.nanoTime() - start) / 1_000;
        }
        java.util.Arrays.sort(micros);
        System.out.printf("Tail window (commit to witness line on disk), %d rows: median %d us, p99 %d us, max %d us%n",
                micros.length, micros[micros.length / 2], micros[micros.length * 99 / 100], micros[micros.length - 1]);
        assertThat(micros[micros.length / 2]).isLessThan(1_000_000);
    }

    private VerificationReport verifyNow() {
        try (var auditor = SignedIn.auditor()) {
            return verification.verify();
        } finally {
            restore();
        }
    }

    private record Run(int code, String out) {
    }

    /** The command as an auditor runs it, printing what it prints. */
    private Run cli(Map<String, String> env) {
        var out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = AuditVerifyCommand.run(new String[] {"--url", urlOf(dataSource),
                    "--anchors", properties.anchorFile().toString(),
                    "--public-key", AuditSigner.publicFile(properties.signingKey()).toString()}, env);
        } finally {
            System.setOut(original);
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), " "));
    }

    /** The JDBC URL of the test's own database, for the command (as the superuser, like the attacker). */
    static String urlOf(DataSource dataSource) {
        try (var connection = dataSource.getConnection()) {
            return connection.getMetaData().getURL() + (connection.getMetaData().getURL().contains("?") ? "&" : "?")
                    + "user=postgres";
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void restore() {
        attack.asSuperuser("delete from audit_event", "insert into audit_event select * from trail_copy",
                "update audit_chain_head set seq = %d, hash = (select row_hash from audit_event where seq = %d)"
                        .formatted(last, last),
                "update audit_chain_base set seq = 0, hash = decode(repeat('00', 32), 'hex'), purged_at = null");
        if (Files.isDirectory(properties.anchorFile())) {
            delete(properties.anchorFile());
        }
        write(properties.anchorFile(), anchorsBefore);
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void createDirectory(Path path) {
        try {
            Files.createDirectory(path);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void write(Path path, byte[] bytes) {
        try {
            Files.write(path, bytes);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
