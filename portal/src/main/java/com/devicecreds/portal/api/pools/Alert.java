package com.devicecreds.portal.api.pools;

import java.time.Instant;

import com.devicecreds.inventory.alert.InventoryAlert;

/** An inventory alert as the API returns it; times are UTC instants, absent ones null. */
record Alert(long id, int credentialTypeId, String pool, String kind, String fromLevel, String toLevel,
        long availableAtRaise, String summary, Instant raisedAt, String acknowledgedBy, Instant acknowledgedAt,
        Instant snoozedUntil, boolean snoozedUntilNextBatch, Instant resolvedAt) {

    static Alert of(InventoryAlert a) {
        return new Alert(a.id(), a.credentialTypeId(), a.poolName(), a.kind().name(), a.fromLevel().name(),
                a.toLevel().name(), a.availableAtRaise(), a.summary(), a.raisedAt(), a.acknowledgedBy().orElse(null),
                a.acknowledgedAt().orElse(null), a.snoozedUntil().orElse(null), a.snoozedUntilNextBatch(),
                a.resolvedAt().orElse(null));
    }
}
