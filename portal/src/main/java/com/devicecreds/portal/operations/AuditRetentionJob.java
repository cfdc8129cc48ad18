package com.devicecreds.portal.operations;

import com.devicecreds.audit.verify.AuditRetention;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes audit rows past the retention period (at least two years), from the start of the chain, after
 * a signed purge record of the range (docs/decisions/024-insider-threat-model.md).
 */
@DisallowConcurrentExecution
class AuditRetentionJob implements Job {

    private static final Logger log = LoggerFactory.getLogger(AuditRetentionJob.class);

    private final AuditRetention retention;

    AuditRetentionJob(AuditRetention retention) {
        this.retention = retention;
    }

    @Override
    public void execute(JobExecutionContext context) {
        long purged = retention.purge();
        if (purged > 0) {
            log.info("Audit retention purged {} rows", purged);
        }
    }
}
