package com.devicecreds.portal.api.token;

import java.time.Instant;
import java.util.Optional;

/** One of a user's personal API tokens as lists show it: never the token itself, only its first characters. */
public record ApiToken(long id, String name, String prefix, Instant createdAt, Instant expiresAt,
        Optional<Instant> lastUsedAt, Optional<Instant> revokedAt) {

    public boolean usableAt(Instant now) {
        return revokedAt.isEmpty() && now.isBefore(expiresAt);
    }

    public String status(Instant now) {
        return revokedAt.isPresent() ? "Revoked" : now.isBefore(expiresAt) ? "Active" : "Expired";
    }
}
