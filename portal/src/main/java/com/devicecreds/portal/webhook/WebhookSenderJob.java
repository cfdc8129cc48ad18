package com.devicecreds.portal.webhook;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** Runs the {@link WebhookSender} on the clustered Quartz scheduler, on one node at a time. */
@DisallowConcurrentExecution
class WebhookSenderJob implements Job {

    private final WebhookSender sender;

    WebhookSenderJob(WebhookSender sender) {
        this.sender = sender;
    }

    @Override
    public void execute(JobExecutionContext context) {
        sender.run();
    }
}
