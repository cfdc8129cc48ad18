package com.devicecreds.portal.operations;

import com.devicecreds.reporting.missing.MissingIds;
import com.devicecreds.reporting.usage.UsageRollups;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * Folds the usage rollups' delta rows into the daily totals (decision 012) and the missing-ID deltas
 * into the missing-ID lists (decision 015), so that reports read few rows. Any node may run it;
 * concurrent runs would be safe too (each delta row is folded once).
 */
@DisallowConcurrentExecution
class UsageCompactionJob implements Job {

    private final UsageRollups rollups;
    private final MissingIds missingIds;

    UsageCompactionJob(UsageRollups rollups, MissingIds missingIds) {
        this.rollups = rollups;
        this.missingIds = missingIds;
    }

    @Override
    public void execute(JobExecutionContext context) {
        rollups.compact();
        missingIds.compact();
    }
}
