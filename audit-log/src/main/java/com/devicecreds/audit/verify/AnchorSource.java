package com.devicecreds.audit.verify;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * What was read from an anchor file: the anchors and purge records whose signatures hold, the lines
 * whose signatures do not (tampering), and whether the file could be read at all. A missing, empty
 * or unreadable file is never taken for "nothing to check".
 */
public record AnchorSource(Path path, Status status, List<Anchor> anchors, List<PurgeRecord> purges,
        List<BadLine> badLines, List<String> warnings) {

    public enum Status {
        READ("was read"), MISSING("is missing"), EMPTY("is empty"), UNREADABLE("could not be read"),
        NOT_GIVEN("was not given");

        private final String words;

        Status(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** A line that is not a validly signed anchor or purge record, with the row it claims to be about. */
    public record BadLine(int number, OptionalLong claimedSeq, String problem) {
    }

    public static AnchorSource unusable(Path path, Status status, String detail) {
        return new AnchorSource(path, status, List.of(), List.of(), List.of(),
                detail.isEmpty() ? List.of() : List.of(detail));
    }

    /** Anchors given directly, as if read from a file (tests and tools). */
    public static AnchorSource of(List<Anchor> anchors) {
        return new AnchorSource(null, Status.READ, List.copyOf(anchors), List.of(), List.of(), List.of());
    }

    public boolean usable() {
        return status == Status.READ;
    }

    public String describe() {
        return "the anchor file" + (path == null ? "" : " " + path) + " " + status.words();
    }
}
