package com.devicecreds.audit.verify;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The result of verifying the audit trail: intact, tampering found, or could not verify (decision 024:
 * a trail that cannot be checked against its anchors is never called intact). The page and the command
 * line show the same {@link #headline()} and {@link #message()}.
 *
 * @param verdict       intact, tampered or unverifiable
 * @param rowsChecked   rows whose hash and link were checked before the first problem (all rows when intact)
 * @param firstSeq      the sequence number the chain starts from (after the base of the last purge)
 * @param lastSeq       the last sequence number checked
 * @param anchorsUsed   anchors from outside the database that the rows were checked against
 * @param firstBadSeq   the first row found bad, when tampering was found
 * @param tampering     what was found, when tampering was found
 * @param message       one sentence for people
 * @param warnings      what could not be used, and what was checked with less than every key
 */
public record VerificationReport(Verdict verdict, long rowsChecked, long firstSeq, long lastSeq, int anchorsUsed,
        OptionalLong firstBadSeq, Optional<Tampering> tampering, String message, List<String> warnings,
        Duration took) {

    public enum Verdict {
        INTACT("Intact", 0), TAMPERED("Tampering found", 2), UNVERIFIABLE("Could not verify", 1);

        private final String headline;
        private final int exitCode;

        Verdict(String headline, int exitCode) {
            this.headline = headline;
            this.exitCode = exitCode;
        }
    }

    public boolean intact() {
        return verdict == Verdict.INTACT;
    }

    public String headline() {
        return verdict.headline;
    }

    /** The command line's exit status: 0 intact, 2 tampering found, 1 could not verify. */
    public int exitCode() {
        return verdict.exitCode;
    }

    static VerificationReport intact(long rows, long firstSeq, long lastSeq, int anchors, List<String> warnings,
            Duration took) {
        String message = rows == 0 ? "The audit trail is empty and its head agrees."
                : "All %,d rows from %d to %d are intact and chained%s.".formatted(rows, firstSeq, lastSeq,
                        anchors == 0 ? "" : ", and agree with %d anchor%s".formatted(anchors, anchors == 1 ? "" : "s"));
        return new VerificationReport(Verdict.INTACT, rows, firstSeq, lastSeq, anchors, OptionalLong.empty(),
                Optional.empty(), message, List.copyOf(warnings), took);
    }

    static VerificationReport tampered(long rows, long firstSeq, long lastSeq, int anchors, long badSeq,
            Tampering kind, String detail, List<String> warnings, Duration took) {
        return new VerificationReport(Verdict.TAMPERED, rows, firstSeq, lastSeq, anchors, OptionalLong.of(badSeq),
                Optional.of(kind), "Row " + badSeq + ": " + kind.meaning() + (detail.isEmpty() ? "." : " (" + detail + ")."),
                List.copyOf(warnings), took);
    }

    /** The rows checked out, but what should vouch for them could not be used. */
    VerificationReport unverifiable(String why) {
        return new VerificationReport(Verdict.UNVERIFIABLE, rowsChecked, firstSeq, lastSeq, anchorsUsed,
                OptionalLong.empty(), Optional.empty(), "Could not verify the audit trail: " + why + ".", warnings, took);
    }

    public static VerificationReport unverifiable(String why, Duration took) {
        return new VerificationReport(Verdict.UNVERIFIABLE, 0, 0, 0, 0, OptionalLong.empty(), Optional.empty(),
                "Could not verify the audit trail: " + why + ".", List.of(), took);
    }
}
