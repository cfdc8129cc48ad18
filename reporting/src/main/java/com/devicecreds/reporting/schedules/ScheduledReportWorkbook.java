package com.devicecreds.reporting.schedules;

import java.io.OutputStream;
import java.time.ZoneOffset;
import java.util.Optional;

import com.devicecreds.access.OperatorScope;
import com.devicecreds.reporting.export.ExportFormat;
import com.devicecreds.reporting.export.ExportProgress;
import com.devicecreds.reporting.export.ReportHeading;
import com.devicecreds.reporting.export.UsageWorkbook;
import com.devicecreds.reporting.missing.MissingIdService;
import com.devicecreds.reporting.missing.MissingIdSheet;
import com.devicecreds.reporting.missing.MissingIds;
import com.devicecreds.reporting.usage.Granularity;
import com.devicecreds.reporting.usage.UsageQuery;
import com.devicecreds.reporting.usage.UsageRollups;
import org.springframework.stereotype.Component;

/**
 * The spreadsheet of one run: built from the queries the views use, scoped to the schedule's
 * operator only, so it cannot hold another operator's rows; laid out like the manual exports.
 * Runs without a signed-in user, which is why it takes the scope explicitly.
 */
@Component
public class ScheduledReportWorkbook {

    private final UsageRollups usage;
    private final MissingIds missing;

    ScheduledReportWorkbook(UsageRollups usage, MissingIds missing) {
        this.usage = usage;
        this.missing = missing;
    }

    /** Writes the report of the period; returns its data rows. Needs a transaction (missing IDs stream through a cursor). */
    public long write(ReportSchedule schedule, ReportPeriod period, OutputStream out) {
        var scope = OperatorScope.only(schedule.operator());
        return switch (schedule.report()) {
            case USAGE -> {
                var query = new UsageQuery(Optional.of(schedule.operator()), period.from(), period.to(), Granularity.DAY);
                yield UsageWorkbook.write(usage.report(scope, query), UsageWorkbook.heading(schedule.title(), query, schedule.operator().code()),
                        schedule.format(), out, ExportProgress.NONE);
            }
            case MISSING_IDS -> {
                var heading = ReportHeading.now(schedule.title(), schedule.operator().code(),
                        "Seen " + period.from() + " to " + period.to() + " (UTC days)");
                try (var sheet = schedule.format().open(heading, "Missing IDs", MissingIdService.COLUMNS, ExportProgress.NONE)) {
                    missing.compact();
                    missing.streamSeen(scope, period.from().atStartOfDay(ZoneOffset.UTC).toInstant(),
                            period.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), m -> MissingIdSheet.row(sheet, m));
                    sheet.writeTo(out);
                    yield sheet.rows();
                }
            }
        };
    }

    /** "usage-nordkabel-2026-11-09-2026-11-15.xlsx" (or ".csv"). */
    public static String fileName(ReportSchedule schedule, ReportPeriod period) {
        return schedule.format().fileName(schedule.report().code() + "-"
                + schedule.operator().code().replaceAll("[^A-Za-z0-9._-]", "_") + "-" + period.from() + "-" + period.to());
    }
}
