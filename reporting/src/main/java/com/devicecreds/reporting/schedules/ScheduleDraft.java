package com.devicecreds.reporting.schedules;

import java.util.Objects;
import java.util.Set;

import com.devicecreds.access.OperatorRef;
import com.devicecreds.reporting.export.ExportFormat;

/**
 * A schedule as the form submits it, to create or to replace an existing one. Recipients are contact
 * ids; the format is the attached file's.
 */
public record ScheduleDraft(OperatorRef operator, ReportKind report, Timing timing, boolean enabled, Set<Long> recipients,
        ExportFormat format) {

    public ScheduleDraft {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(format, "format");
        recipients = Set.copyOf(recipients);
    }

    /** A schedule that attaches an Excel workbook. */
    public ScheduleDraft(OperatorRef operator, ReportKind report, Timing timing, boolean enabled, Set<Long> recipients) {
        this(operator, report, timing, enabled, recipients, ExportFormat.XLSX);
    }
}
