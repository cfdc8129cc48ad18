package com.devicecreds.portal.schedules;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** Runs the due scheduled reports on the clustered Quartz scheduler, on one node at a time. */
@DisallowConcurrentExecution
class ScheduledReportJob implements Job {

    private final ScheduledReportDelivery delivery;

    ScheduledReportJob(ScheduledReportDelivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public void execute(JobExecutionContext context) {
        delivery.deliverDue();
    }
}
