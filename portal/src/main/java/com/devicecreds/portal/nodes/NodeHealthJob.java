package com.devicecreds.portal.nodes;

import com.devicecreds.reporting.nodes.NodeHealthMonitor;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** Checks every provisioning server node for silence and rejection spikes; one node of the cluster per firing. */
@DisallowConcurrentExecution
class NodeHealthJob implements Job {

    private final NodeHealthMonitor monitor;

    NodeHealthJob(NodeHealthMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public void execute(JobExecutionContext context) {
        monitor.evaluate();
    }
}
