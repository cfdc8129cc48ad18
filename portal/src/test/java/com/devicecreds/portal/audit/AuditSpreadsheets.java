package com.devicecreds.portal.audit;

import java.io.OutputStream;

import com.devicecreds.audit.trail.AuditQuery;
import com.devicecreds.reporting.export.ExportFormat;
import com.devicecreds.reporting.export.ExportProgress;
import org.springframework.context.ApplicationContext;

/** The audit view's spreadsheet export for tests outside its package (the exporter stays package-private). */
public final class AuditSpreadsheets {

    private AuditSpreadsheets() {
    }

    public static long export(ApplicationContext context, AuditQuery query, ExportFormat format, OutputStream out) {
        return context.getBean(AuditSpreadsheet.class).export(query, format, out, ExportProgress.NONE);
    }
}
