package com.devicecreds.reporting.schedules;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.devicecreds.access.OperatorRef;
import com.devicecreds.reporting.export.ExportFormat;
import com.devicecreds.reporting.contacts.OperatorContact;

/**
 * A scheduled report of one operator, with its recipients (contacts of that operator).
 *
 * @param dueFrom runs before this instant are not delivered (creation, re-enabling, a new timing)
 */
public record ReportSchedule(long id, OperatorRef operator, ReportKind report, ExportFormat format, Timing timing, boolean enabled,
        List<OperatorContact> recipients, Instant dueFrom, String createdBy, Instant createdAt, Optional<String> changedBy,
        Optional<Instant> changedAt, Optional<Delivery> lastDelivery) {

    public ReportSchedule {
        recipients = List.copyOf(recipients);
    }

    /** "Weekly usage report". */
    public String title() {
        return timing.cadence().label() + " " + report.noun();
    }

    /** "weekly usage report", inside a sentence. */
    public String titleInSentence() {
        return timing.cadence().label().toLowerCase(java.util.Locale.ROOT) + " " + report.noun();
    }
}
