package com.devicecreds.access;

import java.util.Optional;

/**
 * What every kind of signed-in principal (local development account, OIDC user) tells the portal
 * beyond its authorities: a display name and, for operator staff, the operator's code.
 */
public interface PortalPrincipal {

    String username();

    String displayName();

    Optional<String> operatorCode();

    /** The user's e-mail address when the sign-in carries one (an OIDC token's {@code email} claim). */
    default Optional<String> email() {
        return Optional.empty();
    }
}
