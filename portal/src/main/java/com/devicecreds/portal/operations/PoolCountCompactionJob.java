package com.devicecreds.portal.operations;

import com.devicecreds.inventory.pool.PoolCounts;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * Folds the pool counters' delta rows into their totals, so that reading the counts stays a few
 * rows per pool. Any node may run it; concurrent runs would be safe too (each delta row is folded once).
 */
@DisallowConcurrentExecution
class PoolCountCompactionJob implements Job {

    private final PoolCounts counts;

    PoolCountCompactionJob(PoolCounts counts) {
        this.counts = counts;
    }

    @Override
    public void execute(JobExecutionContext context) {
        counts.compact();
    }
}
