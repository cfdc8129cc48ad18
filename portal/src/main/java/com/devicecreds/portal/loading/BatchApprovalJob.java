package com.devicecreds.portal.loading;

import com.devicecreds.inventory.loading.approval.BatchActivation;
import com.devicecreds.inventory.loading.approval.BatchExpiry;
import com.devicecreds.portal.notification.ApprovalReminders;
import com.devicecreds.portal.rollout.GoAheadNotifications;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * Expires overdue batches, activates approved ones, tells the rollouts whose credentials just went
 * live to go ahead, and sends due reminders. On the clustered store
 * each firing runs on one node and never overlaps the previous one, so a batch is activated by one
 * node at a time (its row lock would serialize them anyway); a node that dies mid-activation leaves
 * the batch approved for the next firing (docs/decisions/014-dual-control.md).
 */
@DisallowConcurrentExecution
class BatchApprovalJob implements Job {

    private final BatchExpiry expiry;
    private final BatchActivation activation;
    private final ApprovalReminders reminders;
    private final GoAheadNotifications goAhead;

    BatchApprovalJob(BatchExpiry expiry, BatchActivation activation, ApprovalReminders reminders,
            GoAheadNotifications goAhead) {
        this.expiry = expiry;
        this.activation = activation;
        this.reminders = reminders;
        this.goAhead = goAhead;
    }

    @Override
    public void execute(JobExecutionContext context) {
        expiry.expireOverdue();
        activation.activateApproved();
        goAhead.sendDue();
        reminders.remind();
    }
}
