package com.devicecreds.inventory.alert;

import java.time.Instant;
import java.util.Optional;

/**
 * One inventory alert as people see it.
 *
 * @param snoozedUntilNextBatch snoozed until a batch of the type is activated (the engine ends it)
 */
public record InventoryAlert(long id, int credentialTypeId, String poolName, AlertKind kind, PoolLevel fromLevel,
        PoolLevel toLevel, long availableAtRaise, String summary, Instant raisedAt, Optional<String> acknowledgedBy,
        Optional<Instant> acknowledgedAt, Optional<Instant> snoozedUntil, boolean snoozedUntilNextBatch,
        Optional<Instant> resolvedAt) {

    public boolean isOpen() {
        return resolvedAt.isEmpty();
    }

    /** Snoozed now: within its snooze time, or waiting for the next batch. */
    public boolean isSnoozedAt(Instant now) {
        return snoozedUntilNextBatch || snoozedUntil.filter(now::isBefore).isPresent();
    }
}
