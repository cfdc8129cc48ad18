package com.devicecreds.portal.webhook;

import java.security.NoSuchAlgorithmException;

import javax.net.ssl.SSLContext;

import com.devicecreds.portal.PortalProperties;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The webhook sender every 10 seconds on the clustered scheduler, and its HTTP client. */
@Configuration(proxyBeanMethods = false)
class WebhookSchedulingConfiguration {

    /** Trusts the JVM's default certificate authorities; nothing else in production. */
    @Bean
    WebhookClient webhookClient(PortalProperties properties) throws NoSuchAlgorithmException {
        var settings = properties.webhooks();
        return new WebhookClient(SSLContext.getDefault(), settings.connectTimeout(), settings.requestTimeout());
    }

    @Bean
    JobDetail webhookSenderJob() {
        return JobBuilder.newJob(WebhookSenderJob.class)
                .withIdentity("webhook-sender", "notifications")
                .withDescription("Fan out webhook events and deliver due webhook deliveries")
                .storeDurably()
                .build();
    }

    @Bean
    Trigger webhookSenderEvery10Seconds(JobDetail webhookSenderJob) {
        return TriggerBuilder.newTrigger().forJob(webhookSenderJob)
                .withIdentity("webhook-sender-every-10s", "notifications")
                .withSchedule(SimpleScheduleBuilder.repeatSecondlyForever(10)
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }
}
