package com.devicecreds.reporting.lineage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where one credential came from and where it went: the key generation facility that produced
 * its batch and the certificate that signed the package, who uploaded the batch and who decided
 * on it, when it became available, the device it is bound to and every delivery of it.
 */
public record CredentialLineage(long credentialId, String credentialRef, String typeCode, String typeName, String state,
        Optional<String> preboundDeviceId, Optional<String> boundDeviceId, Optional<Instant> boundAt, Origin origin,
        List<Decision> decisions, List<Delivery> deliveries) {

    /**
     * The batch the credential was loaded in.
     *
     * @param signerSubject the facility certificate that signed the package; empty for batches loaded
     *                      without a package on record (before package tracking)
     */
    public record Origin(String batchRef, String batchState, long recordCount, String producingFacility,
            Optional<String> signerSubject, Optional<String> signerFingerprint, Optional<String> packageFile,
            Optional<String> manifestSha256, String submittedBy, Instant submittedAt, Optional<Instant> approvedAt,
            Optional<Instant> activatedAt) {
    }

    /** A decision on the batch; a voided one was bound to a manifest hash that changed later. */
    public record Decision(String decidedBy, String decision, Instant decidedAt, Optional<String> reason,
            Optional<Instant> voidedAt) {
    }

    /** One request that handed the credential to a device. */
    public record Delivery(Instant occurredAt, String deviceId, String operatorCode, String serverNode, String outcome) {
    }
}
