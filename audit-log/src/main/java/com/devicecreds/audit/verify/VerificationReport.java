package com.devicecreds.audit.verify;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The result of verifying the audit trail.
 *
 * @param rowsChecked   rows whose hash and link were checked before the first problem (all rows when intact)
 * @param firstSeq      the sequence number the chain starts from (after the base of the last purge)
 * @param lastSeq       the last sequence number checked
 * @param anchorsUsed   anchors from outside the database that the rows were checked against
 * @param firstBadSeq   the first row found bad, when tampering was found
 * @param tampering     what was found, when tampering was found
 * @param message       one sentence for people
 * @param warnings      anchors that could not be used (unreadable or not signed with the chain key)
 */
public record VerificationReport(long rowsChecked, long firstSeq, long lastSeq, int anchorsUsed,
        OptionalLong firstBadSeq, Optional<Tampering> tampering, String message, List<String> warnings,
        Duration took) {

    public boolean intact() {
        return tampering.isEmpty();
    }

    static VerificationReport intact(long rows, long firstSeq, long lastSeq, int anchors, List<String> warnings,
            Duration took) {
        String message = rows == 0 ? "The audit trail is empty and its head agrees."
                : "All %,d rows from %d to %d are intact and chained%s.".formatted(rows, firstSeq, lastSeq,
                        anchors == 0 ? "" : ", and agree with %d anchor%s".formatted(anchors, anchors == 1 ? "" : "s"));
        return new VerificationReport(rows, firstSeq, lastSeq, anchors, OptionalLong.empty(), Optional.empty(),
                message, List.copyOf(warnings), took);
    }

    static VerificationReport tampered(long rows, long firstSeq, long lastSeq, int anchors, long badSeq,
            Tampering kind, String detail, List<String> warnings, Duration took) {
        return new VerificationReport(rows, firstSeq, lastSeq, anchors, OptionalLong.of(badSeq), Optional.of(kind),
                "Row " + badSeq + ": " + kind.meaning() + (detail.isEmpty() ? "." : " (" + detail + ")."),
                List.copyOf(warnings), took);
    }
}
