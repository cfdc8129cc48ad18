package com.devicecreds.inventory.pool;

import java.time.Instant;
import java.util.Optional;

/** A credential batch loaded into a pool. */
public record BatchSummary(long id, String batchRef, int recordCount, String producingFacility, String state,
        String submittedBy, Instant submittedAt, Optional<Instant> activatedAt) {
}
