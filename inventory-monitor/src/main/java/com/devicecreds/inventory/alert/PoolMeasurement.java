package com.devicecreds.inventory.alert;

import java.time.Instant;
import java.util.Optional;

import com.devicecreds.access.OperatorRef;

/**
 * One pool as measured now.
 *
 * @param deliveredLast24Hours credentials delivered in the 24 hours before the measurement
 * @param deliveredLast7Days   credentials delivered in the 7 days before the measurement
 * @param lastBatchActivatedAt when the latest batch of the type became active, empty if none did
 */
public record PoolMeasurement(int credentialTypeId, String poolName, Optional<OperatorRef> operator, long available,
        long bound, long deliveredLast24Hours, long deliveredLast7Days, Optional<Instant> lastBatchActivatedAt) {

    public long loaded() {
        return available + bound;
    }

    /** Average delivered per day over the last 7 days. */
    public double averagePerDay() {
        return deliveredLast7Days / 7.0;
    }

    /** Days until the pool runs dry at the 7-day average; infinite when nothing was consumed. */
    public double runwayDays() {
        double perDay = averagePerDay();
        return perDay == 0 ? Double.POSITIVE_INFINITY : available / perDay;
    }
}
