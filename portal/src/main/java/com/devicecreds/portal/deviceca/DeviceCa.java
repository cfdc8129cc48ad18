package com.devicecreds.portal.deviceca;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.devicecreds.access.OperatorRef;

/**
 * A device root or sub-CA certificate trusted for one (operator, credential type), with its
 * revocation list and its open alerts ({@code expiring}, {@code crl-stale}).
 */
public record DeviceCa(long id, OperatorRef operator, int credentialTypeId, String fingerprint, String subject,
        String issuer, String serialHex, Instant notBefore, Instant notAfter, String keyAlgorithm, int keySize,
        boolean root, Optional<Long> parentId, Optional<String> crlUrl, Optional<String> crlUrlSource, String addedBy,
        String approvedBy, Instant addedAt, Optional<CrlFacts> crl, List<String> openAlerts) {

    public DeviceCa {
        openAlerts = List.copyOf(openAlerts);
    }

    public String key() {
        return keyAlgorithm + " " + keySize;
    }
}
