package com.devicecreds.portal.credentialtype;

import java.time.Instant;
import java.util.Optional;

/** One setting changed in one version of a credential type: who asked, who approved, old and new. */
public record HistoryEntry(long id, int version, Optional<String> operatorName, String setting, Optional<String> oldValue,
        Optional<String> newValue, String requestedBy, Optional<String> approvedBy, Optional<Long> changeRequestId,
        Instant changedAt) {
}
