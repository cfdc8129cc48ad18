package com.devicecreds.inventory.pool;

import java.util.List;

/** A pool's recent days, oldest first, and the batches loaded into it, newest first. */
public record PoolHistory(PoolSummary pool, List<DailyPoolPoint> days, List<BatchSummary> batches) {
}
