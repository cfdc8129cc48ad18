package com.devicecreds.audit.verify;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

import javax.sql.DataSource;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.Roles;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.audit.AuditLog;
import com.devicecreds.audit.AuditOutcome;
import com.devicecreds.audit.AuditProperties;
import com.devicecreds.audit.AuditRecord;
import com.devicecreds.audit.keys.AuditKeys;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Service;

/**
 * Verification of the audit trail for auditors: the whole chain against the anchor file, on a
 * connection of its own (read-only, streamed), with the same verifier and the same words as
 * {@link AuditVerifyCommand}. Each verification is itself recorded, as failed when tampering was found
 * or the trail could not be verified.
 */
@Service
public class AuditVerification {

    private final DataSource dataSource;
    private final AuditAnchors anchors;
    private final ChainVerifier verifier;
    private final AuditLog auditLog;
    private final CurrentActor currentActor;

    AuditVerification(DataSource dataSource, AuditAnchors anchors, AuditKeys keys, AuditProperties properties,
            AuditLog auditLog, CurrentActor currentActor, Clock clock) {
        this.dataSource = dataSource;
        this.anchors = anchors;
        this.verifier = new ChainVerifier(keys.chain(), clock, properties.unanchoredGrace());
        this.auditLog = auditLog;
        this.currentActor = currentActor;
    }

    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    public VerificationReport verify() {
        var source = anchors.read();
        VerificationReport report;
        try (Connection connection = dataSource.getConnection()) {
            connection.setReadOnly(true);
            report = verifier.verify(connection, source);
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("Could not read the audit trail", e);
        }
        var record = AuditRecord.of(currentActor.actor(), AuditAction.AUDIT_VERIFIED,
                        report.intact() ? AuditOutcome.SUCCESS : AuditOutcome.FAILED, "audit trail")
                .withDetail("rows", report.rowsChecked())
                .withDetail("anchors", report.anchorsUsed())
                .withDetail("verdict", report.headline())
                .withDetail("result", report.message());
        if (report.firstBadSeq().isPresent()) {
            record = record.withDetail("firstBadRow", report.firstBadSeq().getAsLong());
        }
        auditLog.record(record);
        return report;
    }
}
