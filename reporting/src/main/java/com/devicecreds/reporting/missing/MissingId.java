package com.devicecreds.reporting.missing;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One device ID an operator's devices asked with but that was missing from the authorized list (or
 * had no pre-bound credential), deduplicated per operator, credential type and device ID.
 *
 * @param sentInExport   the operator's export (numbered per operator and type) that last carried it
 * @param resolvedByPart the list part that listed it
 */
public record MissingId(String operatorCode, int credentialTypeId, String credentialType, String deviceId,
        Instant firstSeen, Instant lastSeen, long attempts, Optional<String> model, String lastReason,
        MissingIdStatus status, OptionalInt sentInExport, OptionalInt resolvedByPart) {
}
