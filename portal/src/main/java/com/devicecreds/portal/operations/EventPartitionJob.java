package com.devicecreds.portal.operations;

import java.time.Clock;
import java.time.LocalDate;

import com.devicecreds.reporting.events.EventPartitionMaintenance;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * Creates provisioning_event's monthly partitions ahead of time. Runs on the clustered Quartz
 * store, so with several portal nodes each firing runs on exactly one of them.
 */
@DisallowConcurrentExecution
class EventPartitionJob implements Job {

    private final EventPartitionMaintenance maintenance;
    private final Clock clock;

    EventPartitionJob(EventPartitionMaintenance maintenance, Clock clock) {
        this.maintenance = maintenance;
        this.clock = clock;
    }

    @Override
    public void execute(JobExecutionContext context) {
        var today = LocalDate.now(clock);
        maintenance.ensurePartitions(today, today);
    }
}
