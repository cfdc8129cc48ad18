package com.devicecreds.inventory.pool;

import java.util.Optional;
import java.util.OptionalDouble;

import com.devicecreds.access.OperatorRef;
import com.devicecreds.inventory.alert.PoolLevel;
import com.devicecreds.inventory.threshold.Thresholds;

/**
 * One key pool: the credentials of one credential type, with its owning operator (empty for a
 * shared type) and how many are still available to devices.
 *
 * @param deliveredLast24Hours credentials delivered in the last 24 hours
 * @param averagePerDay        delivered per day, averaged over the last 7 days
 * @param runwayDays           days until empty at that average; empty without consumption
 * @param level                the level the alert engine last settled on (OK before its first run)
 */
public record PoolSummary(int credentialTypeId, String typeCode, String typeName, String credentialKind,
        Optional<OperatorRef> operator, Optional<String> operatorName, String bindingMode, long available,
        long bound, long deliveredLast24Hours, double averagePerDay, OptionalDouble runwayDays, PoolLevel level,
        Thresholds thresholds) {

    public long loaded() {
        return available + bound;
    }
}
