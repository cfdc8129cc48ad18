package com.devicecreds.reporting.export;

import java.io.OutputStream;
import java.util.Locale;

import com.devicecreds.reporting.usage.UsageCharts;
import com.devicecreds.reporting.usage.UsageQuery;
import com.devicecreds.reporting.usage.UsageReport;
import com.devicecreds.reporting.usage.UsageRow;

/**
 * The usage spreadsheet: the requests-by-type chart on a sheet before the rows. Written alike by the
 * user's export and by scheduled reports, so both look the same.
 */
public final class UsageWorkbook {

    /** The chart's layout size; it is shown about as wide as the table (decision 028). */
    private static final int CHART_WIDTH = 1000;
    private static final int CHART_HEIGHT = 360;

    private UsageWorkbook() {
    }

    /** A usage report's heading: of an operator ("all operators" when none is named) over the query's UTC days. */
    public static ReportHeading heading(String title, UsageQuery query, String operator) {
        return ReportHeading.now(title, operator, query.from() + " to " + query.to() + " (UTC days, per "
                + query.granularity().label().toLowerCase(Locale.ROOT) + ")");
    }

    /** Writes the report; returns its data rows. */
    public static long write(UsageReport report, ReportHeading heading, ExportFormat format, OutputStream out,
            ExportProgress progress) {
        String per = report.query().granularity().label().toLowerCase(Locale.ROOT);
        try (var sheet = format.open(heading, "Usage per " + per, ReportExportService.USAGE, progress)) {
            sheet.chart("Requests chart", UsageCharts.requestsByType(report), CHART_WIDTH, CHART_HEIGHT);
            for (UsageRow r : report.rows()) {
                sheet.row(r.period(), r.credentialType(), r.delivered(), r.redelivered(), r.rejected(), r.total());
            }
            sheet.writeTo(out);
            return sheet.rows();
        }
    }
}
