package com.devicecreds.portal.operations;

import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The portal's own housekeeping jobs on the clustered Quartz scheduler: each firing runs on one node.
 * Anchoring the audit head runs on every node instead ({@link NodeAuditAnchoring}).
 */
@Configuration(proxyBeanMethods = false)
class SchedulingConfiguration {

    @Bean
    JobDetail eventPartitionJob() {
        return JobBuilder.newJob(EventPartitionJob.class)
                .withIdentity("event-partitions", "housekeeping")
                .withDescription("Create provisioning_event monthly partitions ahead of time")
                .storeDurably()
                .build();
    }

    /** Daily at 02:17, and once shortly after start so a long-stopped portal catches up at once. */
    @Bean
    Trigger eventPartitionDaily(JobDetail eventPartitionJob) {
        return TriggerBuilder.newTrigger().forJob(eventPartitionJob)
                .withIdentity("event-partitions-daily", "housekeeping")
                .withSchedule(CronScheduleBuilder.dailyAtHourAndMinute(2, 17))
                .build();
    }

    @Bean
    Trigger eventPartitionAtStart(JobDetail eventPartitionJob) {
        return TriggerBuilder.newTrigger().forJob(eventPartitionJob)
                .withIdentity("event-partitions-at-start", "housekeeping")
                .startAt(java.util.Date.from(java.time.Instant.now().plusSeconds(15)))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
    }

    @Bean
    JobDetail poolCountCompactionJob() {
        return JobBuilder.newJob(PoolCountCompactionJob.class)
                .withIdentity("pool-count-compaction", "housekeeping")
                .withDescription("Fold pool counter deltas into their totals")
                .storeDurably()
                .build();
    }

    @Bean
    Trigger poolCountCompactionEvery30Seconds(JobDetail poolCountCompactionJob) {
        return TriggerBuilder.newTrigger().forJob(poolCountCompactionJob)
                .withIdentity("pool-count-compaction-30s", "housekeeping")
                .withSchedule(SimpleScheduleBuilder.repeatSecondlyForever(30).withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }

    @Bean
    JobDetail auditRetentionJob() {
        return JobBuilder.newJob(AuditRetentionJob.class)
                .withIdentity("audit-retention", "audit")
                .withDescription("Purge audit rows older than the retention period (at least two years)")
                .storeDurably()
                .build();
    }

    @Bean
    Trigger auditRetentionDaily(JobDetail auditRetentionJob) {
        return TriggerBuilder.newTrigger().forJob(auditRetentionJob)
                .withIdentity("audit-retention-daily", "audit")
                .withSchedule(CronScheduleBuilder.dailyAtHourAndMinute(3, 41))
                .build();
    }

    @Bean
    JobDetail usageCompactionJob() {
        return JobBuilder.newJob(UsageCompactionJob.class)
                .withIdentity("usage-compaction", "housekeeping")
                .withDescription("Fold usage rollup and missing-ID deltas into the daily totals and the missing-ID lists")
                .storeDurably()
                .build();
    }

    @Bean
    Trigger usageCompactionEvery30Seconds(JobDetail usageCompactionJob) {
        return TriggerBuilder.newTrigger().forJob(usageCompactionJob)
                .withIdentity("usage-compaction-30s", "housekeeping")
                .withSchedule(SimpleScheduleBuilder.repeatSecondlyForever(30).withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }
}
