package com.devicecreds.portal.deviceca;

import java.time.Instant;
import java.util.Date;

import com.devicecreds.portal.PortalProperties;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The device CA checks on the clustered Quartz scheduler, every {@code portal.device-cas.alert-interval}. */
@Configuration(proxyBeanMethods = false)
class DeviceCaScheduling {

    @Bean
    JobDetail deviceCaJob() {
        return JobBuilder.newJob(DeviceCaJob.class)
                .withIdentity("device-ca-checks", "device-cas")
                .withDescription("Expire configuration change requests; alert on expiring device CAs and stale revocation lists")
                .storeDurably()
                .build();
    }

    @Bean
    Trigger deviceCaTrigger(JobDetail deviceCaJob, PortalProperties properties) {
        return TriggerBuilder.newTrigger().forJob(deviceCaJob)
                .withIdentity("device-ca-checks-every-interval", "device-cas")
                .startAt(Date.from(Instant.now().plusSeconds(30)))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(properties.deviceCas().alertInterval().toMillis()).repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }
}
