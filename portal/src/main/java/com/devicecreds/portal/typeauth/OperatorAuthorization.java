package com.devicecreds.portal.typeauth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.devicecreds.access.OperatorRef;

/**
 * One operator's authorization for a credential type: since when and by whom, its revocation if it
 * was revoked (decision 022), its authorized device models and its list parts in short.
 */
public record OperatorAuthorization(OperatorRef operator, String operatorName, boolean owner, Instant authorizedAt,
        Optional<String> authorizedBy, Optional<Instant> revokedAt, Optional<String> revokedBy, Optional<String> revokeReason,
        List<DeviceModel> models, ListPartsSummary listParts) {

    public OperatorAuthorization {
        models = List.copyOf(models);
    }

    public boolean revoked() {
        return revokedAt.isPresent();
    }
}
