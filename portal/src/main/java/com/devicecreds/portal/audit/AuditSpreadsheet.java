package com.devicecreds.portal.audit;

import java.io.OutputStream;
import java.util.HexFormat;
import java.util.List;

import com.devicecreds.access.CurrentActor;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.audit.AuditLog;
import com.devicecreds.audit.AuditOutcome;
import com.devicecreds.audit.AuditRecord;
import com.devicecreds.audit.AuditRow;
import com.devicecreds.audit.trail.AuditQuery;
import com.devicecreds.audit.trail.AuditTrail;
import com.devicecreds.reporting.export.ExcelColumn;
import com.devicecreds.reporting.export.ExportFormat;
import com.devicecreds.reporting.export.ExportProgress;
import com.devicecreds.reporting.export.ReportHeading;
import org.springframework.stereotype.Component;

/**
 * What an audit search finds, as a spreadsheet: streamed page by page through the auditors' own
 * search (so the same access rule holds), newest first, and recorded once like every export.
 */
@Component
class AuditSpreadsheet {

    static final List<ExcelColumn> COLUMNS = List.of(ExcelColumn.integer("Sequence"), ExcelColumn.dateTime("Time (UTC)"),
            ExcelColumn.text("Actor", 18), ExcelColumn.text("Roles", 18), ExcelColumn.text("Operator", 14),
            ExcelColumn.text("Action", 28), ExcelColumn.text("Target", 30), ExcelColumn.text("Outcome", 10),
            ExcelColumn.text("Details", 60), ExcelColumn.text("Row hash", 66));
    private static final int PAGE = 1_000;

    private final AuditTrail trail;
    private final AuditLog auditLog;
    private final CurrentActor currentActor;

    AuditSpreadsheet(AuditTrail trail, AuditLog auditLog, CurrentActor currentActor) {
        this.trail = trail;
        this.auditLog = auditLog;
        this.currentActor = currentActor;
    }

    long export(AuditQuery query, ExportFormat format, OutputStream out, ExportProgress progress) {
        var record = AuditRecord.of(currentActor.actor(), AuditAction.AUDIT_EXPORTED, AuditOutcome.SUCCESS, "audit trail")
                .withDetail("format", format == ExportFormat.XLSX ? "spreadsheet" : format.extension())
                .withDetail("query", query.describe());
        var heading = ReportHeading.now("Audit trail", query.operator().orElse("all operators"), query.describe());
        try (var sheet = format.open(heading, "Audit trail", COLUMNS, progress)) {
            for (int offset = 0; ; offset += PAGE) {
                List<AuditRow> page = trail.search(query, offset, PAGE);
                for (AuditRow row : page) {
                    sheet.row(row.seq(), row.occurredAt(), row.actor(), row.actorRoles(), row.operatorCode(),
                            row.action(), row.target(), row.outcome(), row.details(),
                            HexFormat.of().formatHex(row.rowHash()));
                }
                if (page.size() < PAGE) {
                    break;
                }
            }
            sheet.writeTo(out);
            auditLog.record(record.withDetail("rows", sheet.rows()));
            return sheet.rows();
        } catch (RuntimeException e) {
            auditLog.record(new AuditRecord(record.actor(), record.action(), AuditOutcome.FAILED, record.target(),
                    record.details()).withDetail("problem", String.valueOf(e.getMessage())));
            throw e;
        }
    }
}
