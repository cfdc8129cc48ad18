package com.devicecreds.reporting.export;

import java.io.OutputStream;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.Roles;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.audit.AuditLog;
import com.devicecreds.audit.AuditOutcome;
import com.devicecreds.audit.AuditRecord;
import com.devicecreds.reporting.devices.DeviceEvent;
import com.devicecreds.reporting.devices.DeviceSearchService;
import com.devicecreds.reporting.usage.UsageQuery;
import com.devicecreds.reporting.usage.UsageService;
import org.springframework.stereotype.Service;

/**
 * Spreadsheet exports of the usage report (with its chart) and of a device's timeline. The rows come
 * from the same secured services as the views, so an export never shows more than its view; every
 * export is audited, also when it is cancelled or fails.
 */
@Service
public class ReportExportService {

    /** Columns of the usage export. */
    public static final List<ExcelColumn> USAGE = List.of(ExcelColumn.date("Period start (UTC)"),
            ExcelColumn.text("Credential type", 32), ExcelColumn.integer("Delivered"), ExcelColumn.integer("Re-delivered"),
            ExcelColumn.integer("Rejected"), ExcelColumn.integer("Total"));
    /** Columns of the device timeline export. */
    public static final List<ExcelColumn> TIMELINE = List.of(ExcelColumn.dateTime("Time (UTC)"),
            ExcelColumn.text("Operator", 14), ExcelColumn.text("Credential type", 30), ExcelColumn.text("Outcome", 14),
            ExcelColumn.text("Rejection reason", 26), ExcelColumn.text("Credential", 24), ExcelColumn.text("Server node", 14),
            ExcelColumn.text("Model", 24));
    private static final int PAGE = 500;

    private final UsageService usage;
    private final DeviceSearchService devices;
    private final CurrentActor currentActor;
    private final AuditLog auditLog;

    ReportExportService(UsageService usage, DeviceSearchService devices, CurrentActor currentActor, AuditLog auditLog) {
        this.usage = usage;
        this.devices = devices;
        this.currentActor = currentActor;
        this.auditLog = auditLog;
    }

    /**
     * The usage report's rows (period, type, outcomes); in Excel with the requests-by-type chart on a
     * sheet before them.
     */
    @RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.AUDITOR, Roles.ADMIN})
    public long exportUsage(UsageQuery query, ExportFormat format, OutputStream out, ExportProgress progress) {
        var scope = query.operator().map(currentActor.scope()::narrowTo).orElse(currentActor.scope());
        String operator = scope.operator().map(o -> o.code()).orElse("all");
        String target = "usage/" + operator + "/" + query.from() + ".." + query.to();
        var heading = UsageWorkbook.heading("Usage report", query, scope.operator().map(o -> o.code()).orElse("all operators"));
        return audited("usage", format, target, () -> UsageWorkbook.write(usage.usage(query), heading, format, out, progress));
    }

    /** Every request of the device within the caller's scope, newest first. */
    @RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.AUDITOR, Roles.ADMIN})
    public long exportTimeline(String deviceId, ExportFormat format, OutputStream out, ExportProgress progress) {
        var heading = ReportHeading.now("Device timeline", currentActor.scope().operator().map(o -> o.code())
                .orElse("all operators"), "device " + deviceId + ", every request");
        return audited("device-timeline", format, "device/" + deviceId, () -> {
            try (var sheet = format.open(heading, "Device timeline", TIMELINE, progress)) {
                for (int offset = 0; ; offset += PAGE) {
                    List<DeviceEvent> page = devices.timeline(deviceId, offset, PAGE);
                    for (DeviceEvent e : page) {
                        sheet.row(e.occurredAt(), e.operatorCode(), e.credentialType(), e.outcome(),
                                e.rejectionReason().orElse(null), e.credentialRef().orElse(null), e.serverNode(),
                                e.model().orElse(null));
                    }
                    if (page.size() < PAGE) {
                        break;
                    }
                }
                sheet.writeTo(out);
                return sheet.rows();
            }
        });
    }

    private long audited(String report, ExportFormat format, String target, java.util.function.LongSupplier export) {
        var record = AuditRecord.of(currentActor.actor(), AuditAction.REPORT_EXPORTED, AuditOutcome.SUCCESS, target)
                .withDetail("report", report).withDetail("format", format.extension());
        try {
            long rows = export.getAsLong();
            auditLog.record(record.withDetail("rows", rows));
            return rows;
        } catch (RuntimeException e) {
            auditLog.record(new AuditRecord(record.actor(), record.action(), AuditOutcome.FAILED, target, record.details())
                    .withDetail("problem", String.valueOf(e.getMessage())));
            throw e;
        }
    }
}
