package com.devicecreds.reporting.events;

import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the monthly partitions of provisioning_event created ahead of time, so that events never
 * fall into the default partition (which would block creating the month's partition later).
 */
@Component
public class EventPartitionMaintenance {

    private static final Logger log = LoggerFactory.getLogger(EventPartitionMaintenance.class);
    private static final int MONTHS_AHEAD = 3;

    private final JdbcClient jdbc;

    EventPartitionMaintenance(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates the partitions from {@code from}'s month up to three months after {@code today}. */
    public int ensurePartitions(LocalDate from, LocalDate today) {
        Integer created = jdbc.sql("select provisioning_event_ensure_partitions(?, ?)")
                .params(from, today.plusMonths(MONTHS_AHEAD))
                .query(Integer.class)
                .single();
        if (created > 0) {
            log.info("Created {} monthly partitions of provisioning_event", created);
        }
        return created;
    }
}
