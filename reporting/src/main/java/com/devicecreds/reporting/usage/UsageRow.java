package com.devicecreds.reporting.usage;

import java.time.LocalDate;

/** Requests of one credential type in one period (day, week or month starting on {@code period}), by outcome. */
public record UsageRow(LocalDate period, int credentialTypeId, String credentialType, long delivered,
        long redelivered, long rejected) {

    public long total() {
        return delivered + redelivered + rejected;
    }
}
