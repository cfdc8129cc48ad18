package com.devicecreds.reporting.missing;

import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.OperatorRef;
import com.devicecreds.access.Roles;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.audit.AuditLog;
import com.devicecreds.audit.AuditOutcome;
import com.devicecreds.audit.AuditRecord;
import com.devicecreds.reporting.export.ExcelColumn;
import com.devicecreds.reporting.export.ExportFormat;
import com.devicecreds.reporting.export.ExportProgress;
import com.devicecreds.reporting.export.ReportHeading;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The missing-ID lists, always within the caller's operator scope: operator staff see their own
 * operator's, other roles choose. Exporting the open IDs for an operator marks them as sent in that
 * export; a cancelled or failed export marks nothing.
 */
@Service
@Transactional(readOnly = true)
public class MissingIdService {

    /** The columns of the missing-ID export, in order. */
    public static final List<ExcelColumn> COLUMNS = List.of(ExcelColumn.text("Operator", 14),
            ExcelColumn.text("Credential type", 30), ExcelColumn.text("Device ID", 30), ExcelColumn.text("Status", 18),
            ExcelColumn.dateTime("First seen (UTC)"), ExcelColumn.dateTime("Last seen (UTC)"),
            ExcelColumn.integer("Attempts"), ExcelColumn.text("Model", 24), ExcelColumn.text("Last reason", 26),
            ExcelColumn.integer("Sent in export"), ExcelColumn.integer("Resolved by part"));
    private static final int MAX_PAGE = 500;

    private final MissingIds missing;
    private final CurrentActor currentActor;
    private final AuditLog auditLog;

    MissingIdService(MissingIds missing, CurrentActor currentActor, AuditLog auditLog) {
        this.missing = missing;
        this.currentActor = currentActor;
        this.auditLog = auditLog;
    }

    /** A page of missing IDs, most recently seen first; at most {@value #MAX_PAGE} rows. */
    @RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.AUDITOR, Roles.ADMIN})
    public List<MissingId> page(MissingIdQuery query, int offset, int limit) {
        return missing.page(currentActor.scope(), query, Math.max(offset, 0), Math.clamp(limit, 0, MAX_PAGE));
    }

    @RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.AUDITOR, Roles.ADMIN})
    public long count(MissingIdQuery query) {
        return missing.count(currentActor.scope(), query);
    }

    /** The query's count and, of the same operator and type, how many are not yet sent: one reading for both. */
    @RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.AUDITOR, Roles.ADMIN})
    public MissingIdTotals totals(MissingIdQuery query) {
        return missing.totals(currentActor.scope(), query);
    }

    /** The credential types of the chosen operator (or of every operator in the caller's scope), to filter by. */
    @RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.AUDITOR, Roles.ADMIN})
    public List<TypeChoice> credentialTypes(Optional<OperatorRef> operator) {
        return missing.types(currentActor.scope(), operator);
    }

    /** Per list part number of the operator (of one type, or all): resolved by it and still missing after it. */
    @RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.AUDITOR, Roles.ADMIN})
    public List<PartConvergence> convergence(OperatorRef operator, Optional<Integer> credentialTypeId) {
        return missing.convergence(currentActor.scope(), operator.id(), credentialTypeId);
    }

    /**
     * Writes the operator's open missing IDs (of one type, or all) as a spreadsheet and marks them as
     * sent in the operator's next export of each type. Operator staff naming another operator get an
     * empty sheet and mark nothing (audited as denied); project managers and auditors read, never send.
     */
    @Transactional
    @RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.ADMIN})
    public MissingIdExport exportForOperator(OperatorRef operator, Optional<Integer> credentialTypeId, ExportFormat format,
            OutputStream out, ExportProgress progress) {
        var actor = currentActor.actor();
        var record = AuditRecord.of(actor, AuditAction.REPORT_EXPORTED, AuditOutcome.SUCCESS, "missing-ids/" + operator.code())
                .withDetail("report", "missing-ids").withDetail("operator", operator.code())
                .withDetail("format", format.extension());
        boolean permitted = currentActor.scope().permits(operator.id());
        var heading = ReportHeading.now("Missing device IDs", operator.code(), "Open IDs of "
                + credentialTypeId.map(t -> "the chosen credential type").orElse("every credential type"));
        try (var sheet = format.open(heading, "Missing IDs", COLUMNS, progress)) {
            if (!permitted) {
                // Like every report narrowed to another operator: nothing to see, and nothing marked as sent.
                sheet.writeTo(out);
                auditLog.record(new AuditRecord(actor, record.action(), AuditOutcome.DENIED, record.target(), record.details()));
                return new MissingIdExport(operator.code(), 0, java.util.Map.of());
            }
            missing.compact();
            var numbers = missing.markSent(operator.id(), credentialTypeId, actor.username());
            missing.streamMarkedNow(operator.id(), m -> MissingIdSheet.row(sheet, m));
            sheet.writeTo(out);
            auditLog.record(record.withDetail("rows", sheet.rows()).withDetail("exports", numbers));
            return new MissingIdExport(operator.code(), sheet.rows(), numbers);
        } catch (RuntimeException e) {
            auditLog.record(new AuditRecord(actor, record.action(), AuditOutcome.FAILED, record.target(), record.details())
                    .withDetail("problem", e.getMessage()));
            throw e;
        }
    }
}
