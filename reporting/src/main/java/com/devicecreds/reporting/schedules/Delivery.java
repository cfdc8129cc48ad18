package com.devicecreds.reporting.schedules;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One run of a schedule, as its delivery history shows it.
 *
 * @param trigger     {@code schedule} or {@code run-now}
 * @param recipients  the addresses it was queued for
 * @param rows        data rows of the spreadsheet, when it was sent
 */
public record Delivery(long id, long scheduleId, String trigger, ReportPeriod period, Instant startedAt, Instant finishedAt,
        boolean sent, Optional<Long> rows, List<String> recipients, Optional<String> error, String requestedBy) {

    public Delivery {
        recipients = List.copyOf(recipients);
    }
}
