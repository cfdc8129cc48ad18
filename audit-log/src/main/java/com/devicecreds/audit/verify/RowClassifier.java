package com.devicecreds.audit.verify;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;

import com.devicecreds.audit.AuditRow;
import com.devicecreds.audit.internal.AuditChain;

/** Says what happened to a row whose hash is wrong, from the rows around it (decision 013). */
final class RowClassifier {

    record Finding(Tampering kind, String detail) {
    }

    private RowClassifier() {
    }

    static Finding classify(Connection connection, AuditChain chain, long baseSeq, byte[] baseHash,
            AuditRow bad, AuditRow next) throws SQLException {
        if (next != null && Arrays.equals(next.prevHash(), bad.rowHash())) {
            return new Finding(Tampering.ROW_CHANGED, "");
        }
        if (next != null && Arrays.equals(next.prevHash(), bad.prevHash())) {
            return new Finding(Tampering.ROW_INSERTED, "");
        }
        // Content written under another number: the rows it was chained between tell which; next to a
        // neighbour it was swapped with, the neighbouring numbers do.
        var candidates = new LinkedHashSet<Long>();
        seqOf(connection, "select seq + 1 from audit_event where row_hash = ?", bad.prevHash()).ifPresent(candidates::add);
        if (Arrays.equals(bad.prevHash(), baseHash)) {
            candidates.add(baseSeq + 1);
        }
        seqOf(connection, "select seq - 1 from audit_event where prev_hash = ?", bad.rowHash()).ifPresent(candidates::add);
        candidates.add(bad.seq() - 1);
        candidates.add(bad.seq() + 1);
        for (long written : candidates) {
            if (written > baseSeq && written != bad.seq() && chain.verifies(bad.withSeq(written))) {
                return new Finding(Tampering.ROWS_REORDERED, "it holds row " + written);
            }
        }
        return new Finding(Tampering.ROW_FORGED, "");
    }

    private static Optional<Long> seqOf(Connection connection, String sql, byte[] hash) throws SQLException {
        try (var find = connection.prepareStatement(sql)) {
            find.setBytes(1, hash);
            try (var rs = find.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }
}
