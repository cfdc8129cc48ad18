package com.devicecreds.portal.nodes;

import java.time.Instant;
import java.util.Date;

import com.devicecreds.reporting.nodes.NodeHealthProperties;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The node monitor on the clustered Quartz scheduler, every {@code reporting.nodes.interval}. */
@Configuration(proxyBeanMethods = false)
class NodeHealthScheduling {

    @Bean
    JobDetail nodeHealthJob() {
        return JobBuilder.newJob(NodeHealthJob.class)
                .withIdentity("node-health", "nodes")
                .withDescription("Check provisioning server nodes for silence and rejection spikes")
                .storeDurably()
                .build();
    }

    @Bean
    Trigger nodeHealthTrigger(JobDetail nodeHealthJob, NodeHealthProperties settings) {
        return TriggerBuilder.newTrigger().forJob(nodeHealthJob)
                .withIdentity("node-health-every-interval", "nodes")
                .startAt(Date.from(Instant.now().plusSeconds(25)))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(settings.interval().toMillis()).repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }
}
