package com.devicecreds.reporting.export;

import java.io.OutputStream;

import com.devicecreds.reporting.usage.UsageCharts;
import com.devicecreds.reporting.usage.UsageReport;
import com.devicecreds.reporting.usage.UsageRow;

/**
 * The usage spreadsheet: the requests-by-type chart on a sheet before the rows. Written alike by the
 * user's export and by scheduled reports, so both look the same.
 */
public final class UsageWorkbook {

    private UsageWorkbook() {
    }

    /** Writes the report; returns its data rows. */
    public static long write(UsageReport report, OutputStream out, ExportProgress progress) {
        try (var sheet = new ExcelExport("Usage", ReportExportService.USAGE, progress)) {
            sheet.chart("Chart", UsageCharts.requestsByType(report), 1000, 360);
            for (UsageRow r : report.rows()) {
                sheet.row(r.period(), r.credentialType(), r.delivered(), r.redelivered(), r.rejected(), r.total());
            }
            sheet.writeTo(out);
            return sheet.rows();
        }
    }
}
