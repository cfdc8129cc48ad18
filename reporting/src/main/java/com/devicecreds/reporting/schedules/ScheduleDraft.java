package com.devicecreds.reporting.schedules;

import java.util.Objects;
import java.util.Set;

import com.devicecreds.access.OperatorRef;

/** A schedule as the form submits it, to create or to replace an existing one. Recipients are contact ids. */
public record ScheduleDraft(OperatorRef operator, ReportKind report, Timing timing, boolean enabled, Set<Long> recipients) {

    public ScheduleDraft {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(timing, "timing");
        recipients = Set.copyOf(recipients);
    }
}
