package com.devicecreds.audit.verify;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.Roles;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.audit.AuditLog;
import com.devicecreds.audit.AuditOutcome;
import com.devicecreds.audit.AuditProperties;
import com.devicecreds.audit.AuditRecord;
import com.devicecreds.audit.internal.AuditChain;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Service;

/**
 * Verification of the audit trail for auditors: the whole chain against the anchors in the anchor
 * file, on a connection of its own (read-only, streamed). Each verification is itself recorded,
 * as failed when tampering was found.
 */
@Service
public class AuditVerification {

    private final DataSource dataSource;
    private final AuditAnchors anchors;
    private final ChainVerifier verifier;
    private final AuditLog auditLog;
    private final CurrentActor currentActor;

    AuditVerification(DataSource dataSource, AuditAnchors anchors, AuditProperties properties, AuditLog auditLog,
            CurrentActor currentActor) {
        this.dataSource = dataSource;
        this.anchors = anchors;
        this.verifier = new ChainVerifier(new AuditChain(properties.chainKey()));
        this.auditLog = auditLog;
        this.currentActor = currentActor;
    }

    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    public VerificationReport verify() {
        var read = anchors.file().read();
        VerificationReport report;
        try (Connection connection = dataSource.getConnection()) {
            connection.setReadOnly(true);
            report = verifier.verify(connection, read.anchors(), read.warnings());
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("Could not read the audit trail", e);
        }
        var record = AuditRecord.of(currentActor.actor(), AuditAction.AUDIT_VERIFIED,
                        report.intact() ? AuditOutcome.SUCCESS : AuditOutcome.FAILED, "audit trail")
                .withDetail("rows", report.rowsChecked())
                .withDetail("anchors", report.anchorsUsed())
                .withDetail("result", report.message());
        if (report.firstBadSeq().isPresent()) {
            record = record.withDetail("firstBadRow", report.firstBadSeq().getAsLong());
        }
        auditLog.record(record);
        return report;
    }
}
