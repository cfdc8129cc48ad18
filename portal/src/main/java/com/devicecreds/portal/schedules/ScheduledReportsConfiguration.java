package com.devicecreds.portal.schedules;

import com.devicecreds.portal.PortalProperties;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One clustered job that finds the due runs of every schedule, rather than a Quartz trigger per
 * schedule: the schedule rows stay the only truth, and a missed run needs no misfire rules (decision 017).
 */
@Configuration(proxyBeanMethods = false)
class ScheduledReportsConfiguration {

    @Bean
    JobDetail scheduledReportJob() {
        return JobBuilder.newJob(ScheduledReportJob.class)
                .withIdentity("scheduled-reports", "reports")
                .withDescription("Deliver the scheduled reports whose run is due")
                .storeDurably()
                .build();
    }

    @Bean
    Trigger scheduledReportsEveryInterval(JobDetail scheduledReportJob, PortalProperties properties) {
        return TriggerBuilder.newTrigger().forJob(scheduledReportJob)
                .withIdentity("scheduled-reports-interval", "reports")
                .startAt(java.util.Date.from(java.time.Instant.now().plusSeconds(10)))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(properties.scheduledReports().interval().toMillis()).repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }
}
