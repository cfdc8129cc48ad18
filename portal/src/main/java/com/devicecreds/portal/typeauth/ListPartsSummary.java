package com.devicecreds.portal.typeauth;

import java.time.Instant;
import java.util.Optional;

/** An operator's list parts for a type in short: how many, their entries, and the latest. */
public record ListPartsSummary(int parts, long entries, Optional<Integer> lastPartNumber, Optional<Instant> lastReceivedAt) {

    static final ListPartsSummary NONE = new ListPartsSummary(0, 0, Optional.empty(), Optional.empty());
}
