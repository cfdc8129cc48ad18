package com.devicecreds.portal.notification;

import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The e-mail outbox sender, every 15 seconds on the clustered scheduler. */
@Configuration(proxyBeanMethods = false)
class MailSchedulingConfiguration {

    @Bean
    JobDetail mailSenderJob() {
        return JobBuilder.newJob(MailSenderJob.class)
                .withIdentity("mail-sender", "notifications")
                .withDescription("Deliver due e-mails of the notification outbox")
                .storeDurably()
                .build();
    }

    @Bean
    Trigger mailSenderEvery15Seconds(JobDetail mailSenderJob) {
        return TriggerBuilder.newTrigger().forJob(mailSenderJob)
                .withIdentity("mail-sender-every-15s", "notifications")
                .withSchedule(SimpleScheduleBuilder.repeatSecondlyForever(15)
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }
}
