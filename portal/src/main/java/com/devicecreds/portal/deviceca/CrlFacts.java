package com.devicecreds.portal.deviceca;

import java.time.Instant;
import java.util.Optional;

/** The current revocation list of a trusted CA, as stored: its dates, how many serials it revokes, how it came. */
public record CrlFacts(Instant thisUpdate, Optional<Instant> nextUpdate, int revokedCount, String source, String loadedBy,
        Instant loadedAt) {

    /** Past its next update: devices revoked since are not known to be. */
    public boolean staleAt(Instant now) {
        return nextUpdate.map(now::isAfter).orElse(false);
    }
}
