package com.devicecreds.inventory.alert;

import java.time.Instant;
import java.util.Optional;

import com.devicecreds.access.OperatorRef;

/**
 * Published in the transaction that records a new inventory alert, exactly once per transition.
 * Listeners that must not lose it (the notification outbox) write in the same transaction.
 *
 * @param operator the pool's operator, empty for a shared type
 * @param summary  one line for people: what happened and what to do
 */
public record PoolAlertRaised(long alertId, int credentialTypeId, String poolName, Optional<OperatorRef> operator,
        AlertKind kind, PoolLevel level, long available, String summary, Instant raisedAt) {
}
