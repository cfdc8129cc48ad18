package com.devicecreds.portal.loading;

import com.devicecreds.inventory.loading.approval.BatchApproved;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Once a final approval commits, fires the batch job now instead of at its next interval: the
 * approver sees the credentials live within seconds, and the activation runs on the scheduler (one
 * node, retried after a crash) rather than in the approver's request.
 */
@Component
class ActivateOnApproval {

    private static final Logger log = LoggerFactory.getLogger(ActivateOnApproval.class);

    private final Scheduler scheduler;

    ActivateOnApproval(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(BatchApproved approved) {
        try {
            scheduler.triggerJob(JobKey.jobKey(ApprovalSchedulingConfiguration.JOB, ApprovalSchedulingConfiguration.GROUP));
        } catch (SchedulerException e) {
            log.warn("Could not fire the activation of batch {} now; the next interval activates it", approved.batchRef(), e);
        }
    }
}
