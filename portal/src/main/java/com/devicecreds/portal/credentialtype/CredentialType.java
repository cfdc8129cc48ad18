package com.devicecreds.portal.credentialtype;

import java.time.Instant;
import java.util.Optional;

/**
 * A credential type with its settings and version. {@code inUse}: batches, list parts or rollouts
 * exist for it, so its kind, device-ID kind and binding mode can no longer change.
 */
public record CredentialType(int id, TypeSettings settings, int version, Instant createdAt, Optional<Instant> updatedAt,
        boolean inUse) {

    /** The target of its change requests; per-operator changes add {@code /operator/<code>}. */
    public String target() {
        return target(settings.code());
    }

    static String target(String code) {
        return "type/" + code;
    }
}
