package com.devicecreds.inventory.loading.upload;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.Actor;
import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.Roles;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.audit.AuditLog;
import com.devicecreds.audit.AuditOutcome;
import com.devicecreds.audit.AuditRecord;
import com.devicecreds.inventory.loading.LoadingProperties;
import com.devicecreds.inventory.loading.facility.FacilityCertificateService;
import com.devicecreds.inventory.loading.upload.internal.PackageReceiver;
import com.devicecreds.inventory.loading.upload.internal.PackageValidation;
import org.springframework.stereotype.Service;

/**
 * Upload of credential packages by PKI operations: the upload is streamed to a temporary file
 * within the size limit (no database connection is held meanwhile), then validated and, when
 * valid, staged. Every upload is audited, accepted or refused.
 */
@Service
public class PackageUploadService {

    private final PackageValidation validation;
    private final FacilityCertificateService facilities;
    private final LoadingProperties properties;
    private final AuditLog auditLog;
    private final CurrentActor currentActor;

    PackageUploadService(PackageValidation validation, FacilityCertificateService facilities, LoadingProperties properties,
            AuditLog auditLog, CurrentActor currentActor) {
        this.validation = validation;
        this.facilities = facilities;
        this.properties = properties;
        this.auditLog = auditLog;
        this.currentActor = currentActor;
    }

    /** The limits a package must keep, for the upload form to show. */
    @RolesAllowed(Roles.PKI_OPS)
    public LoadingProperties.Upload limits() {
        return properties.upload();
    }

    /**
     * Receives, validates and stages one package. The report lists every problem found; a package
     * with any problem is refused and leaves nothing behind but its audit record.
     */
    @RolesAllowed(Roles.PKI_OPS)
    public UploadReport upload(InputStream in, String fileName) {
        Actor actor = currentActor.actor();
        String name = fileName == null || fileName.isBlank() ? "package.zip" : fileName.strip();
        var trusted = facilities.trusted();
        UploadReport report;
        try (var received = PackageReceiver.receive(in, properties.upload().maxPackageSize().toBytes())) {
            report = received.oversized() ? oversized(name, received.bytes())
                    : validation.validateAndStage(received, name, actor, trusted);
        } catch (IOException e) {
            report = refused(name, 0, new Problem(ProblemKind.NOT_A_ZIP, "The upload broke off before the package was complete."));
        }
        audit(actor, report);
        return report;
    }

    private UploadReport oversized(String name, long receivedBytes) {
        return refused(name, receivedBytes, new Problem(ProblemKind.OVERSIZED, "The package is larger than the limit of "
                + properties.upload().maxPackageSize().toMegabytes() + " MB; nothing of it was read."));
    }

    private static UploadReport refused(String name, long bytes, Problem problem) {
        return new UploadReport(name, bytes, Optional.empty(), Optional.empty(), Optional.empty(), List.of(problem),
                Optional.empty());
    }

    private void audit(Actor actor, UploadReport report) {
        String target = report.manifest().map(m -> "batch:" + m.batchId()).orElse("package:" + report.fileName());
        var record = AuditRecord.of(actor, AuditAction.CREDENTIAL_PACKAGE_UPLOADED,
                        report.accepted() ? AuditOutcome.SUCCESS : AuditOutcome.FAILED, target)
                .withDetail("file", report.fileName())
                .withDetail("bytes", report.packageBytes());
        if (report.manifest().isPresent()) {
            var manifest = report.manifest().get();
            record = record.withDetail("credentialType", manifest.credentialType())
                    .withDetail("recordCount", manifest.recordCount())
                    .withDetail("producingFacility", manifest.producingFacility());
        }
        if (report.manifestSha256().isPresent()) {
            record = record.withDetail("manifestSha256", report.manifestSha256().get());
        }
        if (report.accepted()) {
            record = record.withDetail("state", report.batch().orElseThrow().state());
        } else {
            record = record.withDetail("problems", report.problems().size())
                    .withDetail("problemKinds", report.problems().stream().map(p -> p.kind().name()).distinct().toList())
                    .withDetail("firstProblem", report.problems().getFirst().message());
        }
        auditLog.record(record);
    }
}
