package com.devicecreds.portal.inventory;

import com.devicecreds.inventory.alert.AlertEngine;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * Evaluates every key pool against its thresholds. On the clustered Quartz store each firing runs
 * on exactly one node, and never overlaps the previous one.
 */
@DisallowConcurrentExecution
class InventoryAlertJob implements Job {

    private final AlertEngine engine;

    InventoryAlertJob(AlertEngine engine) {
        this.engine = engine;
    }

    @Override
    public void execute(JobExecutionContext context) {
        engine.evaluateAll();
    }
}
