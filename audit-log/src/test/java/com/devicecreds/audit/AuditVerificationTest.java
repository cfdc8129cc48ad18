package com.devicecreds.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import javax.sql.DataSource;

import com.devicecreds.access.Actor;
import com.devicecreds.access.Roles;
import com.devicecreds.audit.internal.AuditChain;
import com.devicecreds.audit.verify.Anchor;
import com.devicecreds.audit.keys.AuditKeys;
import com.devicecreds.audit.keys.AuditSigner;
import com.devicecreds.audit.verify.AnchorFile;
import com.devicecreds.audit.verify.AnchorReader;
import com.devicecreds.audit.verify.AnchorSource;
import com.devicecreds.audit.verify.AuditAnchors;
import com.devicecreds.audit.verify.AuditVerification;
import com.devicecreds.audit.verify.ChainVerifier;
import com.devicecreds.audit.verify.Tampering;
import com.devicecreds.audit.verify.VerificationReport;
import com.devicecreds.testsupport.SignedIn;
import com.devicecreds.testsupport.RecordsAudit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The verifier finds every single-row tampering by someone who can write the database (here: with
 * the protection triggers switched off, as a table owner could) but does not hold the chain key, and
 * says where and what. Each tampering is rolled back before the next.
 */
@SpringBootTest(classes = AuditModuleTestApplication.class)
class AuditVerificationTest {

    private static final Actor AUDITED = new Actor("pki.verify", "Vera", Set.of(Roles.PKI_OPS), Optional.empty());

    @Autowired
    AuditLog auditLog;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    AuditVerification verification;
    @Autowired
    AuditAnchors anchors;
    @Autowired
    AuditKeys keys;

    private final ChainVerifier verifier = new ChainVerifier(new AuditChain(TrailFixture.KEY));

    @BeforeEach
    void aTrailOfAtLeast150Rows() {
        long rows = jdbc.sql("select count(*) from audit_event").query(Long.class).single();
        for (long i = rows; i < 150; i++) {
            auditLog.record(AuditRecord.of(AUDITED, AuditAction.values()[(int) (i % AuditAction.values().length)],
                    i % 7 == 0 ? AuditOutcome.DENIED : AuditOutcome.SUCCESS, "target-" + i).withDetail("i", "" + i));
        }
    }

    @Test
    void an_untouched_trail_is_intact_and_agrees_with_its_anchor() throws Exception {
        var report = verify(List.of(headAnchor()));
        assertThat(report.intact()).as(report.message()).isTrue();
        assertThat(report.rowsChecked()).isEqualTo(jdbc.sql("select count(*) from audit_event").query(Long.class).single());
        assertThat(report.anchorsUsed()).isEqualTo(1);
    }

    @Test
    void each_of_1000_random_single_row_tamperings_is_found_at_its_row_and_named() {
        var random = new Random(20261122);
        var found = new EnumMap<Tampering, Integer>(Tampering.class);
        var misses = new ArrayList<String>();
        for (int i = 0; i < 1000; i++) {
            var kind = Kind.values()[i % Kind.values().length];
            new TransactionTemplate(transactions).executeWithoutResult(status -> {
                jdbc.sql("set local session_replication_role = replica").update();
                long first = jdbc.sql("select min(seq) from audit_event").query(Long.class).single();
                long last = jdbc.sql("select max(seq) from audit_event").query(Long.class).single();
                long k = first + 1 + random.nextLong(last - first - 2);
                Expected expected = tamper(kind, k, last, random);
                var report = verify(List.of());
                if (report.intact() || report.firstBadSeq().getAsLong() != expected.seq()
                        || report.tampering().get() != expected.kind()) {
                    misses.add(kind + " at " + k + ": expected " + expected + ", got " + report.message());
                }
                report.tampering().ifPresent(t -> found.merge(t, 1, Integer::sum));
                status.setRollbackOnly();
            });
        }
        assertThat(misses).isEmpty();
        assertThat(found).containsOnlyKeys(Tampering.ROW_CHANGED, Tampering.ROWS_MISSING, Tampering.ROW_INSERTED,
                Tampering.ROWS_REORDERED);
        assertThat(verify(List.of()).intact()).as("everything was rolled back").isTrue();
    }

    @Test
    void a_cut_off_tail_with_its_head_set_back_looks_whole_inside_the_database_but_not_to_an_anchor() {
        Anchor anchor = headAnchor();
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            jdbc.sql("set local session_replication_role = replica").update();
            long cut = anchor.seq() - 2;
            jdbc.sql("delete from audit_event where seq > ?").param(cut).update();
            jdbc.sql("update audit_chain_head set hash = (select row_hash from audit_event where seq = ?), seq = ?")
                    .params(cut, cut).update();

            assertThat(verify(List.of()).intact()).as("the database alone cannot tell").isTrue();
            var report = verify(List.of(anchor));
            assertThat(report.tampering()).contains(Tampering.TAIL_CUT);
            assertThat(report.firstBadSeq()).hasValue(cut + 1);
            assertThat(report.message()).contains("saw row " + anchor.seq());
            status.setRollbackOnly();
        });
    }

    @Test
    void a_cut_off_tail_with_the_head_left_alone_is_found_without_anchors() {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            jdbc.sql("set local session_replication_role = replica").update();
            long last = jdbc.sql("select max(seq) from audit_event").query(Long.class).single();
            jdbc.sql("delete from audit_event where seq = ?").param(last).update();
            var report = verify(List.of());
            assertThat(report.tampering()).contains(Tampering.HEAD_MISMATCH);
            assertThat(report.firstBadSeq()).hasValue(last);
            status.setRollbackOnly();
        });
    }

    @Test
    void anchors_survive_a_round_trip_through_their_file_and_changed_or_foreign_lines_are_tampering(@TempDir Path dir)
            throws Exception {
        var path = dir.resolve("anchors.jsonl");
        Anchor anchor = headAnchor();
        new AnchorFile(path, keys.signer()).anchor(anchor);
        var reader = new AnchorReader(keys.publicKeys(), keys.chain());
        assertThat(reader.read(path).badLines()).isEmpty();
        assertThat(verify(reader.read(path)).intact()).isTrue();

        String forged = Files.readString(path).replace("\"seq\":\"" + anchor.seq() + "\"",
                "\"seq\":\"" + (anchor.seq() + 5) + "\"");
        Files.writeString(path, forged, java.nio.file.StandardOpenOption.APPEND);
        new AnchorFile(path, AuditSigner.generate(dir.resolve("other-key.pem"))).anchor(anchor);

        var read = reader.read(path);
        assertThat(read.anchors()).singleElement().satisfies(a -> {
            assertThat(a.seq()).isEqualTo(anchor.seq());
            assertThat(a.hash()).isEqualTo(anchor.hash());
        });
        assertThat(read.badLines()).extracting(AnchorSource.BadLine::problem).satisfiesExactly(
                p -> assertThat(p).contains("Line 2").contains("does not match its signature"),
                p -> assertThat(p).contains("Line 3").contains("not one of the audit trail's keys"));
        var report = verify(read);
        assertThat(report.tampering()).contains(Tampering.ANCHOR_FORGED);
        assertThat(report.firstBadSeq()).hasValue(anchor.seq());
    }

    @Test
    @RecordsAudit(AuditAction.AUDIT_VERIFIED)
    void an_auditor_verifies_through_the_service_and_the_verification_is_recorded_once() {
        long before = verifications();
        VerificationReport report;
        try (var auditor = SignedIn.auditor()) {
            report = verification.verify();
        }
        assertThat(report.intact()).as(report.message()).isTrue();
        assertThat(verifications()).isEqualTo(before + 1);
        var row = jdbc.sql("""
                        select actor, outcome, details from audit_event
                        where action = 'AUDIT_VERIFIED' order by seq desc limit 1""")
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3))).single();
        assertThat(row.get(0)).isEqualTo("audit.dora");
        assertThat(row.get(1)).isEqualTo("success");
        assertThat(row.get(2)).contains("\"rows\":\"" + report.rowsChecked() + "\"");
    }

    @Test
    void only_auditors_and_administrators_may_verify() {
        try (var pki = SignedIn.pkiOps()) {
            assertThatThrownBy(verification::verify).isInstanceOf(AccessDeniedException.class);
        }
        try (var staff = SignedIn.as("op.x", Optional.of("nordkabel"), Roles.OPERATOR_STAFF)) {
            assertThatThrownBy(verification::verify).isInstanceOf(AccessDeniedException.class);
        }
    }

    @Test
    void every_row_is_witnessed_as_it_is_written_and_the_head_is_anchored_when_no_line_covers_it() {
        auditLog.record(AuditRecord.of(AUDITED, AuditAction.LOGOUT, AuditOutcome.SUCCESS, "pki.verify"));
        long head = jdbc.sql("select seq from audit_chain_head").query(Long.class).single();
        var witnessed = anchors.read().anchors().stream().filter(a -> a.seq() == head).toList();
        assertThat(witnessed).singleElement().satisfies(a -> assertThat(a.witness()).isTrue());
        assertThat(anchors.anchorHead()).as("the witness line covers the head").isEmpty();

        TrailFixture.append(jdbc, keys.chain(), Instant.now(), java.time.Duration.ofSeconds(1), 1);
        var written = anchors.anchorHead();
        assertThat(written).isPresent();
        assertThat(written.get().seq()).isEqualTo(head + 1);
        assertThat(anchors.anchorHead()).as("the head did not move").isEmpty();
    }

    private long verifications() {
        return jdbc.sql("select count(*) from audit_event where action = 'AUDIT_VERIFIED'").query(Long.class).single();
    }

    private enum Kind { CHANGE, DELETE, INSERT, SWAP }

    private record Expected(long seq, Tampering kind) {
    }

    private Expected tamper(Kind kind, long k, long last, Random random) {
        switch (kind) {
            case CHANGE -> {
                String column = List.of("actor", "target", "details", "outcome", "occurred_at", "action")
                        .get(random.nextInt(6));
                String change = switch (column) {
                    case "outcome" -> "outcome = case outcome when 'success' then 'failed' else 'success' end";
                    case "occurred_at" -> "occurred_at = occurred_at - interval '1 second'";
                    default -> column + " = " + column + " || ' '";
                };
                jdbc.sql("update audit_event set " + change + " where seq = ?").param(k).update();
                return new Expected(k, Tampering.ROW_CHANGED);
            }
            case DELETE -> {
                jdbc.sql("delete from audit_event where seq = ?").param(k).update();
                return new Expected(k, Tampering.ROWS_MISSING);
            }
            case INSERT -> {
                jdbc.sql("update audit_event set seq = -(seq + 1) where seq >= ?").param(k).update();
                jdbc.sql("update audit_event set seq = -seq where seq < 0").update();
                jdbc.sql("""
                                insert into audit_event (seq, occurred_at, actor, actor_roles, action, target, outcome,
                                                         details, prev_hash, row_hash)
                                select ?, occurred_at, 'intruder', 'ADMIN', 'LOGIN', 'intruder', 'success', '{}',
                                       row_hash, sha256(row_hash)
                                from audit_event where seq = ?""")
                        .params(k, k - 1).update();
                jdbc.sql("update audit_chain_head set seq = seq + 1").update();
                return new Expected(k, Tampering.ROW_INSERTED);
            }
            case SWAP -> {
                long other = k + 1 + random.nextLong(Math.max(1, last - k));
                jdbc.sql("update audit_event set seq = -1 where seq = ?").param(k).update();
                jdbc.sql("update audit_event set seq = ? where seq = ?").params(k, other).update();
                jdbc.sql("update audit_event set seq = ? where seq = -1").param(other).update();
                return new Expected(k, Tampering.ROWS_REORDERED);
            }
            default -> throw new IllegalArgumentException(kind.name());
        }
    }

    private Anchor headAnchor() {
        return jdbc.sql("select seq, hash from audit_chain_head")
                .query((rs, n) -> new Anchor(rs.getLong(1), rs.getBytes(2), Instant.now())).single();
    }

    private VerificationReport verify(List<Anchor> anchors) {
        return verify(AnchorSource.of(anchors));
    }

    /** Verifies on the current transaction's connection, so it sees the tampering before the rollback. */
    private VerificationReport verify(AnchorSource source) {
        var connection = DataSourceUtils.getConnection(dataSource);
        try {
            return verifier.verify(connection, source);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }
}
