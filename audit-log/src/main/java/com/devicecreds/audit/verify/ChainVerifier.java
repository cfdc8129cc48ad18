package com.devicecreds.audit.verify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.devicecreds.audit.AuditRow;
import com.devicecreds.audit.internal.AuditChain;

/**
 * Checks the whole audit trail in one pass in sequence order: every row's keyed hash, every row's link
 * to the row before, no sequence number missing, the chain head on the last row, and the anchor file
 * kept outside the database: every anchor and witness line agrees with its row, none lies beyond the
 * trail, every row before the chain's base is accounted for by a signed purge record, and every line is
 * signed by a key of the public key ring (decisions 013 and 024). It stops at the first bad row and says
 * what kind of tampering it found there. Rows are streamed, so memory does not grow with the trail
 * (the anchor file's lines are held, one small record each).
 * <p>
 * Without the chain key (an auditor holding the public key only) rows are checked against the content
 * digest of their witness line instead of their hash, and by their links where no witness line exists.
 */
public final class ChainVerifier {

    public static final Duration DEFAULT_GRACE = Duration.ofMinutes(20);
    private static final int FETCH_SIZE = 10_000;

    private final AuditChain chain;
    private final Clock clock;
    private final Duration grace;

    public ChainVerifier(AuditChain chain) {
        this(chain, Clock.systemUTC(), DEFAULT_GRACE);
    }

    /**
     * @param chain the chain key ring, or null to verify with the public key only
     * @param grace how old a row may be before an anchor must cover it
     */
    public ChainVerifier(AuditChain chain, Clock clock, Duration grace) {
        this.chain = chain;
        this.clock = clock;
        this.grace = grace;
    }

    /** Verifies against anchors given directly (tests and tools), as if read from a file. */
    public VerificationReport verify(Connection connection, List<Anchor> anchors, List<String> warnings)
            throws SQLException {
        var source = AnchorSource.of(anchors);
        return verify(connection, new AnchorSource(null, source.status(), source.anchors(), List.of(), List.of(), warnings));
    }

    /** Verifies on the given connection, inside its current transaction if it has one. */
    public VerificationReport verify(Connection connection, AnchorSource source) throws SQLException {
        long started = System.nanoTime();
        var base = point(connection, "select seq, hash from audit_chain_base");
        var head = point(connection, "select seq, hash from audit_chain_head");
        var warnings = new ArrayList<>(source.warnings());
        Map<Long, Anchor> anchored = new HashMap<>();
        var disagreeing = new HashSet<Long>();
        for (Anchor anchor : source.anchors()) {
            Anchor other = anchored.putIfAbsent(anchor.seq(), anchor);
            if (other != null && !Arrays.equals(other.hash(), anchor.hash())) {
                disagreeing.add(anchor.seq()); // both signed: the number was written twice, after a cut
            }
            if (other != null && anchor.witness()) {
                anchored.put(anchor.seq(), anchor);
            }
        }
        var pass = new Pass(base, head, anchored, disagreeing, warnings, started);
        var purge = PurgeCheck.check(base.seq(), base.hash(), source.purges(), source.anchors(), clock.instant());
        if (purge.isPresent()) {
            return pass.done(purge.get().seq(), purge.get().kind(), purge.get().detail());
        }
        var report = pass.run(connection);
        if (!report.intact()) {
            return report;
        }
        var forged = source.badLines().stream()
                .min(Comparator.comparingLong(b -> b.claimedSeq().orElse(Long.MAX_VALUE)));
        if (forged.isPresent()) {
            return pass.done(forged.get().claimedSeq().orElse(0), Tampering.ANCHOR_FORGED, forged.get().problem());
        }
        if (!source.usable() && (head.seq() > 0 || base.seq() > 0)) {
            return report.unverifiable(source.describe() + ", so a cut-off tail or a rewritten chain could not be ruled out");
        }
        if (pass.firstUnanchoredAt != null && pass.firstUnanchoredAt.isBefore(clock.instant().minus(grace))) {
            return report.unverifiable(("rows from %d on are older than %s and no line of the anchor file covers them "
                    + "(it ends at row %d): it was cut, or rows were written without it").formatted(pass.anchoredUpTo + 1,
                    grace.toMinutes() + " minutes", pass.anchoredUpTo));
        }
        return report;
    }

    /** One streamed pass over the rows after the base. */
    private final class Pass {
        final Point base;
        final Point head;
        final Map<Long, Anchor> anchored;
        final Set<Long> disagreeing;
        final List<String> warnings;
        final long started;
        final long anchoredUpTo;
        long expectedSeq;
        byte[] prevHash;
        long checked;
        long byLinkOnly;
        boolean keyed;
        Instant firstUnanchoredAt;

        Pass(Point base, Point head, Map<Long, Anchor> anchored, Set<Long> disagreeing, List<String> warnings,
                long started) {
            this.base = base;
            this.head = head;
            this.anchored = anchored;
            this.disagreeing = disagreeing;
            this.warnings = warnings;
            this.started = started;
            this.expectedSeq = base.seq() + 1;
            this.prevHash = base.hash();
            this.anchoredUpTo = anchored.keySet().stream().mapToLong(Long::longValue).max().orElse(base.seq());
        }

        VerificationReport run(Connection connection) throws SQLException {
            AuditRow bad = null;
            AuditRow afterBad = null;
            boolean autoCommit = connection.getAutoCommit();
            if (autoCommit) {
                connection.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
            }
            try (PreparedStatement rows = connection.prepareStatement("""
                    select seq, occurred_at, actor, actor_roles, operator_code, action, target, outcome, details,
                           prev_hash, row_hash, key_id
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
                        if (row.seq() != expectedSeq) {
                            return done(expectedSeq, Tampering.ROWS_MISSING,
                                    "rows %d to %d are missing".formatted(expectedSeq, row.seq() - 1));
                        }
                        Anchor anchor = anchored.get(row.seq());
                        if (disagreeing.contains(row.seq())) {
                            return done(row.seq(), Tampering.ANCHOR_MISMATCH, "two signed lines of the anchor file "
                                    + "name different rows under its number: rows were cut off and the number written again");
                        }
                        if (chain != null && (!chain.verifies(row) || keyed && row.keyId() == null)) {
                            bad = row;
                            continue;
                        }
                        if (anchor != null && anchor.witness()
                                && !Arrays.equals(anchor.contentDigest(), AuditChain.contentDigest(row))) {
                            return done(row.seq(), Tampering.ROW_CHANGED, "it differs from its witness line");
                        }
                        if (!Arrays.equals(row.prevHash(), prevHash)) {
                            return done(row.seq(), Tampering.LINK_BROKEN, "");
                        }
                        if (anchor != null && !Arrays.equals(anchor.hash(), row.rowHash())) {
                            return done(row.seq(), Tampering.ANCHOR_MISMATCH, "anchored at " + anchor.at());
                        }
                        if (chain == null && (anchor == null || !anchor.witness())) {
                            byLinkOnly++;
                        }
                        if (row.seq() > anchoredUpTo && firstUnanchoredAt == null) {
                            firstUnanchoredAt = row.occurredAt();
                        }
                        keyed |= row.keyId() != null;
                        prevHash = row.rowHash();
                        expectedSeq++;
                        checked++;
                    }
                }
            } finally {
                if (autoCommit) {
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
            }
            if (bad != null) {
                var finding = RowClassifier.classify(connection, chain, base.seq(), base.hash(), bad, afterBad);
                return done(bad.seq(), finding.kind(), finding.detail());
            }
            long last = expectedSeq - 1;
            if (head.seq() != last || !Arrays.equals(head.hash(), prevHash)) {
                return done(Math.min(head.seq(), last) + 1, Tampering.HEAD_MISMATCH,
                        "the head says row %d, the trail ends at row %d".formatted(head.seq(), last));
            }
            Optional<Anchor> beyond = anchored.values().stream().filter(a -> a.seq() > last)
                    .max(Comparator.comparingLong(Anchor::seq));
            if (beyond.isPresent()) {
                return done(last + 1, Tampering.TAIL_CUT, "the anchor of %s saw row %d, the trail ends at row %d"
                        .formatted(beyond.get().at(), beyond.get().seq(), last));
            }
            if (byLinkOnly > 0) {
                warnings.add(("Without the chain key, %,d rows without a witness line were checked by their links "
                        + "only; give AUDIT_CHAIN_KEY to check their hashes").formatted(byLinkOnly));
            }
            return VerificationReport.intact(checked, base.seq() + 1, last, anchorsMet(), warnings,
                    Duration.ofNanos(System.nanoTime() - started));
        }

        VerificationReport done(long badSeq, Tampering kind, String detail) {
            return VerificationReport.tampered(checked, base.seq() + 1, expectedSeq - 1, anchorsMet(), badSeq, kind,
                    detail, warnings, Duration.ofNanos(System.nanoTime() - started));
        }

        int anchorsMet() {
            return (int) anchored.keySet().stream().filter(seq -> seq > base.seq() && seq < expectedSeq).count();
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
}
