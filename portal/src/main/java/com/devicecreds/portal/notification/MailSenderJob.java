package com.devicecreds.portal.notification;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** Runs the {@link OutboxMailSender} on the clustered Quartz scheduler, every few seconds on one node. */
@DisallowConcurrentExecution
class MailSenderJob implements Job {

    private final OutboxMailSender sender;

    MailSenderJob(OutboxMailSender sender) {
        this.sender = sender;
    }

    @Override
    public void execute(JobExecutionContext context) {
        sender.run();
    }
}
