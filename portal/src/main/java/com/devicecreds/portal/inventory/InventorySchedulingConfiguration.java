package com.devicecreds.portal.inventory;

import com.devicecreds.inventory.InventoryProperties;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The inventory alert engine on the clustered Quartz scheduler, every {@code inventory.alerts.interval}. */
@Configuration(proxyBeanMethods = false)
class InventorySchedulingConfiguration {

    @Bean
    JobDetail inventoryAlertJob() {
        return JobBuilder.newJob(InventoryAlertJob.class)
                .withIdentity("inventory-alerts", "inventory")
                .withDescription("Evaluate key pools against their thresholds and raise or resolve alerts")
                .storeDurably()
                .build();
    }

    /** Starts shortly after start-up; a missed firing is skipped (the next one measures afresh). */
    @Bean
    Trigger inventoryAlertTrigger(JobDetail inventoryAlertJob, InventoryProperties properties) {
        return TriggerBuilder.newTrigger().forJob(inventoryAlertJob)
                .withIdentity("inventory-alerts-every-interval", "inventory")
                .startAt(java.util.Date.from(java.time.Instant.now().plusSeconds(20)))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(properties.alerts().interval().toMillis())
                        .repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }
}
