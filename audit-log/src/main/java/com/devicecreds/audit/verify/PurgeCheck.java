package com.devicecreds.audit.verify;

import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.devicecreds.audit.AuditProperties;

/**
 * Accounts for every row before the chain's base (decision 024): signed purge records must cover rows 1
 * to the base without a gap, one of them must end exactly on the base's row and hash, and no purged row
 * may have been younger than the retention minimum when its purge was recorded (the purge record's
 * newest row, and every witness line of a purged row, are held against the record's time). An anchor
 * on the base's row must agree with the base. What is left over is a base moved by hand.
 */
final class PurgeCheck {

    record Finding(long seq, Tampering kind, String detail) {
    }

    private PurgeCheck() {
    }

    static Optional<Finding> check(long baseSeq, byte[] baseHash, List<PurgeRecord> purges, List<Anchor> anchors,
            Instant now) {
        if (baseSeq <= 0) {
            return Optional.empty();
        }
        long covered = 0;
        for (var purge : purges.stream().sorted(Comparator.comparingLong(PurgeRecord::fromSeq)).toList()) {
            if (purge.fromSeq() <= covered + 1 && purge.toSeq() > covered && purge.toSeq() <= baseSeq) {
                covered = purge.toSeq();
            }
        }
        if (covered < baseSeq) {
            return Optional.of(new Finding(covered + 1, Tampering.BASE_MOVED,
                    "the chain starts after row %d; signed purge records account for rows up to %d".formatted(baseSeq, covered)));
        }
        boolean endsOnBase = purges.stream()
                .anyMatch(p -> p.toSeq() == baseSeq && Arrays.equals(p.toHash(), baseHash));
        if (!endsOnBase) {
            return Optional.of(new Finding(baseSeq, Tampering.BASE_MOVED,
                    "no signed purge record ends on the base's row and hash"));
        }
        for (var purge : purges) {
            if (purge.toSeq() <= baseSeq
                    && (purge.newestAt().isAfter(purge.at().minus(AuditProperties.MINIMUM_RETENTION)) || purge.at().isAfter(now))) {
                return Optional.of(new Finding(purge.fromSeq(), Tampering.PURGE_INSIDE_RETENTION,
                        "the purge record of %s states rows up to %s".formatted(purge.at(), purge.newestAt())));
            }
        }
        for (var anchor : anchors.stream().sorted(Comparator.comparingLong(Anchor::seq)).toList()) {
            if (anchor.seq() > baseSeq) {
                break;
            }
            if (anchor.seq() == baseSeq && !Arrays.equals(anchor.hash(), baseHash)) {
                return Optional.of(new Finding(baseSeq, Tampering.ANCHOR_MISMATCH, "the base differs from its anchor"));
            }
            if (anchor.witness()) {
                Instant purged = purges.stream().filter(p -> p.fromSeq() <= anchor.seq() && anchor.seq() <= p.toSeq())
                        .map(PurgeRecord::at).max(Comparator.naturalOrder()).orElseThrow();
                if (anchor.at().isAfter(purged.minus(AuditProperties.MINIMUM_RETENTION))) {
                    return Optional.of(new Finding(anchor.seq(), Tampering.PURGE_INSIDE_RETENTION,
                            "its witness line says it was written at %s, the purge was recorded at %s".formatted(anchor.at(), purged)));
                }
            }
        }
        return Optional.empty();
    }
}
