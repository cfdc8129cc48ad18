package com.devicecreds.portal.deviceca;

import com.devicecreds.portal.change.ChangeExpiry;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** Expires configuration change requests past their time, then checks the device CAs; one node of the cluster per firing. */
@DisallowConcurrentExecution
class DeviceCaJob implements Job {

    private final ChangeExpiry expiry;
    private final DeviceCaMonitor monitor;

    DeviceCaJob(ChangeExpiry expiry, DeviceCaMonitor monitor) {
        this.expiry = expiry;
        this.monitor = monitor;
    }

    @Override
    public void execute(JobExecutionContext context) {
        expiry.expireDue();
        monitor.evaluate();
    }
}
