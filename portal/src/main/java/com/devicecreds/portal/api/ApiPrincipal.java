package com.devicecreds.portal.api;

import java.util.Optional;

import com.devicecreds.access.PortalPrincipal;

/**
 * Who calls the REST API: a person through one of their API tokens, or a Keycloak service account.
 * The rest of the portal reads it like a signed-in user (roles from the authentication's authorities,
 * the operator from {@link #operatorCode()}), so every service applies the same rules and scope.
 *
 * @param client what the rate limit counts against: the token's id or the service account's client
 */
public record ApiPrincipal(String username, String displayName, Optional<String> operatorCode, String client)
        implements PortalPrincipal {
}
