package com.devicecreds.reporting.usage;

import java.time.LocalDate;

/**
 * Requests of one credential type in one period (day, week or month starting on {@code period}), by
 * outcome. Requests of types the report's operator may not see are one row of
 * {@link com.devicecreds.access.HiddenCredentialType} (id 0, its label as the name).
 */
public record UsageRow(LocalDate period, int credentialTypeId, String credentialType, long delivered,
        long redelivered, long rejected) {

    public long total() {
        return delivered + redelivered + rejected;
    }
}
