package com.devicecreds.inventory.loading.facility;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.Roles;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.audit.AuditLog;
import com.devicecreds.audit.AuditOutcome;
import com.devicecreds.audit.AuditRecord;
import com.devicecreds.inventory.loading.format.Pem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The trusted key generation facility certificates (V19): administrators add and remove them,
 * every change audited; PKI operations and auditors read them. Not operator data.
 */
@Service
public class FacilityCertificateService {

    private final JdbcClient jdbc;
    private final AuditLog auditLog;
    private final CurrentActor currentActor;
    private final Clock clock;

    FacilityCertificateService(JdbcClient jdbc, AuditLog auditLog, CurrentActor currentActor, Clock clock) {
        this.jdbc = jdbc;
        this.auditLog = auditLog;
        this.currentActor = currentActor;
        this.clock = clock;
    }

    @RolesAllowed({Roles.ADMIN, Roles.PKI_OPS, Roles.AUDITOR})
    @Transactional(readOnly = true)
    public List<TrustedFacility> trusted() {
        return jdbc.sql("""
                        select id, fingerprint_sha256, subject, issuer, not_before, not_after, certificate_pem, added_by, added_at
                        from trusted_facility_certificate order by subject, not_after desc""")
                .query(FacilityCertificateService::row).list();
    }

    /**
     * Trusts one certificate given as PEM. Refused, with the reason, when the text holds no or several
     * certificates, when the certificate has expired, or when it is trusted already. Audited either way.
     */
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public TrustedFacility trust(String pem) {
        var record = AuditRecord.of(currentActor.actor(), AuditAction.FACILITY_CERTIFICATE_TRUSTED, AuditOutcome.SUCCESS, "");
        X509Certificate certificate;
        try {
            certificate = single(pem);
            if (certificate.getNotAfter().toInstant().isBefore(clock.instant())) {
                throw new InvalidCertificateException("This certificate expired on " + certificate.getNotAfter().toInstant()
                        + ": packages signed with it would be refused.");
            }
            if (jdbc.sql("select count(*) from trusted_facility_certificate where fingerprint_sha256 = ?")
                    .param(Pem.fingerprint(certificate)).query(Long.class).single() > 0) {
                throw new InvalidCertificateException("This certificate is trusted already.");
            }
        } catch (InvalidCertificateException e) {
            auditLog.record(new AuditRecord(record.actor(), record.action(), AuditOutcome.FAILED, "", record.details())
                    .withDetail("reason", e.getMessage()));
            throw e;
        }
        String fingerprint = Pem.fingerprint(certificate);
        long id = jdbc.sql("""
                        insert into trusted_facility_certificate (fingerprint_sha256, subject, issuer, not_before, not_after,
                                                                  certificate_pem, added_by, added_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(fingerprint, certificate.getSubjectX500Principal().getName(),
                        certificate.getIssuerX500Principal().getName(), Timestamp.from(certificate.getNotBefore().toInstant()),
                        Timestamp.from(certificate.getNotAfter().toInstant()), Pem.encode(certificate),
                        record.actor().username(), Timestamp.from(clock.instant()))
                .query(Long.class).single();
        auditLog.record(new AuditRecord(record.actor(), record.action(), AuditOutcome.SUCCESS,
                "facility-certificate:" + fingerprint, record.details())
                .withDetail("subject", certificate.getSubjectX500Principal().getName())
                .withDetail("notAfter", certificate.getNotAfter().toInstant()));
        return byId(id);
    }

    /** Removes a trusted certificate; packages signed with it are refused from now on. False if there was none. */
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public boolean remove(long id) {
        var removed = jdbc.sql("delete from trusted_facility_certificate where id = ? returning fingerprint_sha256, subject")
                .param(id).query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).optional();
        removed.ifPresent(r -> auditLog.record(AuditRecord.of(currentActor.actor(), AuditAction.FACILITY_CERTIFICATE_REMOVED,
                AuditOutcome.SUCCESS, "facility-certificate:" + r[0]).withDetail("subject", r[1])));
        return removed.isPresent();
    }

    private TrustedFacility byId(long id) {
        return jdbc.sql("""
                        select id, fingerprint_sha256, subject, issuer, not_before, not_after, certificate_pem, added_by, added_at
                        from trusted_facility_certificate where id = ?""")
                .param(id).query(FacilityCertificateService::row).single();
    }

    private static X509Certificate single(String pem) {
        List<X509Certificate> certificates;
        try {
            certificates = Pem.certificates(pem == null ? "" : pem.strip());
        } catch (CertificateException e) {
            throw new InvalidCertificateException("This is not a PEM certificate (-----BEGIN CERTIFICATE----- ...).");
        }
        if (certificates.size() != 1) {
            throw new InvalidCertificateException("Paste exactly one certificate; this text holds " + certificates.size() + ".");
        }
        return certificates.getFirst();
    }

    private static TrustedFacility row(ResultSet rs, int n) throws SQLException {
        return new TrustedFacility(rs.getLong("id"), rs.getString("fingerprint_sha256"), rs.getString("subject"),
                rs.getString("issuer"), rs.getTimestamp("not_before").toInstant(), rs.getTimestamp("not_after").toInstant(),
                rs.getString("certificate_pem"), rs.getString("added_by"), rs.getTimestamp("added_at").toInstant());
    }
}
