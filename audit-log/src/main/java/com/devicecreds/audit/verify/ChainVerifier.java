package com.devicecreds.audit.verify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.devicecreds.audit.AuditRow;
import com.devicecreds.audit.internal.AuditChain;

/**
 * Checks the whole audit trail in one pass in sequence order: every row's keyed hash, every row's link
 * to the row before, no sequence number missing, the chain head on the last row, and the anchors kept
 * outside the database. It stops at the first bad row and says what kind of tampering it found there.
 * Rows are streamed, so the memory used does not grow with the trail.
 */
public final class ChainVerifier {

    private static final int FETCH_SIZE = 10_000;

    private final AuditChain chain;

    public ChainVerifier(AuditChain chain) {
        this.chain = chain;
    }

    /** Verifies on the given connection, inside its current transaction if it has one. */
    public VerificationReport verify(Connection connection, List<Anchor> anchors, List<String> warnings)
            throws SQLException {
        long started = System.nanoTime();
        var base = point(connection, "select seq, hash from audit_chain_base");
        var head = point(connection, "select seq, hash from audit_chain_head");
        Map<Long, Anchor> anchored = new HashMap<>();
        for (Anchor anchor : anchors) {
            anchored.merge(anchor.seq(), anchor, (a, b) -> a);
        }
        var run = new Run(base.seq() + 1, base.hash());
        AuditRow bad = null;
        AuditRow afterBad = null;
        boolean autoCommit = connection.getAutoCommit();
        if (autoCommit) {
            connection.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
        }
        try (PreparedStatement rows = connection.prepareStatement("""
                select seq, occurred_at, actor, actor_roles, operator_code, action, target, outcome, details,
                       prev_hash, row_hash
                from audit_event where seq > ? order by seq""")) {
            rows.setFetchSize(FETCH_SIZE);
            rows.setLong(1, base.seq());
            try (ResultSet rs = rows.executeQuery()) {
                while (rs.next()) {
                    AuditRow row = AuditRow.read(rs);
                    if (bad != null) {
                        afterBad = row;
                        break;
                    }
                    if (row.seq() != run.expectedSeq) {
                        return done(run, base, anchored, warnings, started, run.expectedSeq, Tampering.ROWS_MISSING,
                                "rows %d to %d are missing".formatted(run.expectedSeq, row.seq() - 1));
                    }
                    if (!Arrays.equals(chain.hashOf(row), row.rowHash())) {
                        bad = row;
                        continue;
                    }
                    if (!Arrays.equals(row.prevHash(), run.prevHash)) {
                        return done(run, base, anchored, warnings, started, row.seq(), Tampering.LINK_BROKEN, "");
                    }
                    Anchor anchor = anchored.get(row.seq());
                    if (anchor != null && !Arrays.equals(anchor.hash(), row.rowHash())) {
                        return done(run, base, anchored, warnings, started, row.seq(), Tampering.ANCHOR_MISMATCH,
                                "anchored at " + anchor.at());
                    }
                    run.accept(row);
                }
            }
        } finally {
            if (autoCommit) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
        if (bad != null) {
            return classify(connection, run, base, anchored, warnings, started, bad, afterBad);
        }
        long last = run.expectedSeq - 1;
        if (head.seq() != last || !Arrays.equals(head.hash(), run.prevHash)) {
            return done(run, base, anchored, warnings, started, Math.min(head.seq(), last) + 1, Tampering.HEAD_MISMATCH,
                    "the head says row %d, the trail ends at row %d".formatted(head.seq(), last));
        }
        Optional<Anchor> beyond = anchors.stream().filter(a -> a.seq() > last)
                .max((a, b) -> Long.compare(a.seq(), b.seq()));
        if (beyond.isPresent()) {
            return done(run, base, anchored, warnings, started, last + 1, Tampering.TAIL_CUT,
                    "the anchor of %s saw row %d, the trail ends at row %d".formatted(beyond.get().at(),
                            beyond.get().seq(), last));
        }
        return VerificationReport.intact(run.checked, base.seq() + 1, last, run.anchorsMet(anchored), warnings,
                Duration.ofNanos(System.nanoTime() - started));
    }

    /** Says what happened to a row whose hash is wrong, from the rows around it. */
    private VerificationReport classify(Connection connection, Run run, Point base, Map<Long, Anchor> anchored,
            List<String> warnings, long started, AuditRow bad, AuditRow next) throws SQLException {
        if (next != null && Arrays.equals(next.prevHash(), bad.rowHash())) {
            return done(run, base, anchored, warnings, started, bad.seq(), Tampering.ROW_CHANGED, "");
        }
        if (next != null && Arrays.equals(next.prevHash(), bad.prevHash())) {
            return done(run, base, anchored, warnings, started, bad.seq(), Tampering.ROW_INSERTED, "");
        }
        // Content written under another number: the rows it was chained between tell which; next to a
        // neighbour it was swapped with, the neighbouring numbers do.
        var candidates = new LinkedHashSet<Long>();
        seqOf(connection, "select seq + 1 from audit_event where row_hash = ?", bad.prevHash()).ifPresent(candidates::add);
        if (Arrays.equals(bad.prevHash(), base.hash())) {
            candidates.add(base.seq() + 1);
        }
        seqOf(connection, "select seq - 1 from audit_event where prev_hash = ?", bad.rowHash()).ifPresent(candidates::add);
        candidates.add(bad.seq() - 1);
        candidates.add(bad.seq() + 1);
        for (long written : candidates) {
            if (written > base.seq() && written != bad.seq()
                    && Arrays.equals(chain.hashOf(bad.withSeq(written)), bad.rowHash())) {
                return done(run, base, anchored, warnings, started, bad.seq(), Tampering.ROWS_REORDERED,
                        "it holds row " + written);
            }
        }
        return done(run, base, anchored, warnings, started, bad.seq(), Tampering.ROW_FORGED, "");
    }

    private static VerificationReport done(Run run, Point base, Map<Long, Anchor> anchored, List<String> warnings,
            long started, long badSeq, Tampering kind, String detail) {
        return VerificationReport.tampered(run.checked, base.seq() + 1, run.expectedSeq - 1, run.anchorsMet(anchored),
                badSeq, kind, detail, warnings, Duration.ofNanos(System.nanoTime() - started));
    }

    private static Optional<Long> seqOf(Connection connection, String sql, byte[] hash) throws SQLException {
        try (var find = connection.prepareStatement(sql)) {
            find.setBytes(1, hash);
            try (var rs = find.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    private static Point point(Connection connection, String sql) throws SQLException {
        try (var statement = connection.prepareStatement(sql); var rs = statement.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("No row in: " + sql);
            }
            return new Point(rs.getLong(1), rs.getBytes(2));
        }
    }

    private record Point(long seq, byte[] hash) {
    }

    /** How far the pass got: the next sequence number expected and the hash it must link to. */
    private static final class Run {
        long expectedSeq;
        byte[] prevHash;
        long checked;

        final long firstSeq;

        Run(long expectedSeq, byte[] prevHash) {
            this.firstSeq = expectedSeq;
            this.expectedSeq = expectedSeq;
            this.prevHash = prevHash;
        }

        void accept(AuditRow row) {
            prevHash = row.rowHash();
            expectedSeq++;
            checked++;
        }

        int anchorsMet(Map<Long, Anchor> anchored) {
            return (int) anchored.keySet().stream().filter(seq -> seq >= firstSeq && seq < expectedSeq).count();
        }
    }
}
