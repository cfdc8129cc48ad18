package com.devicecreds.portal.loading;

import com.devicecreds.inventory.loading.LoadingProperties;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Activation, expiry and reminders of credential batches on the clustered Quartz scheduler, every
 * {@code loading.approval.activation-interval}, and at once after a final approval
 * ({@link ActivateOnApproval}).
 */
@Configuration(proxyBeanMethods = false)
class ApprovalSchedulingConfiguration {

    static final String JOB = "batch-approvals";
    static final String GROUP = "loading";

    @Bean
    JobDetail batchApprovalJob() {
        return JobBuilder.newJob(BatchApprovalJob.class)
                .withIdentity(JOB, GROUP)
                .withDescription("Activate approved credential batches, expire overdue ones, send due rollout go-aheads, remind of waiting requests")
                .storeDurably()
                .build();
    }

    @Bean
    Trigger batchApprovalTrigger(JobDetail batchApprovalJob, LoadingProperties properties) {
        return TriggerBuilder.newTrigger().forJob(batchApprovalJob)
                .withIdentity("batch-approvals-every-interval", GROUP)
                .startAt(java.util.Date.from(java.time.Instant.now().plusSeconds(15)))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(properties.approval().activationInterval().toMillis())
                        .repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }
}
