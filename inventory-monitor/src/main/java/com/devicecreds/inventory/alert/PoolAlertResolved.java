package com.devicecreds.inventory.alert;

import java.time.Instant;
import java.util.Optional;

import com.devicecreds.access.OperatorRef;

/** Published in the transaction that resolves an inventory alert (the pool recovered or was replenished). */
public record PoolAlertResolved(long alertId, int credentialTypeId, String poolName, Optional<OperatorRef> operator,
        AlertKind kind, String summary, Instant resolvedAt) {
}
