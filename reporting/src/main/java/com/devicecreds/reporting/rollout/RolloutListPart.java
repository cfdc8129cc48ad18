package com.devicecreds.reporting.rollout;

import java.time.Instant;

/** An authorized list part of the operator and type, as a rollout names it or may choose it. */
public record RolloutListPart(long id, int partNumber, int entries, Instant receivedAt, String sourceName) {

    public String label() {
        return "Part " + partNumber + " (" + String.format(java.util.Locale.US, "%,d", entries) + " IDs, " + sourceName + ")";
    }
}
