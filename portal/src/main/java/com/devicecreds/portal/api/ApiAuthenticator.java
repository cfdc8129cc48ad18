package com.devicecreds.portal.api;

import org.springframework.security.core.AuthenticationException;

/**
 * Turns the bearer token of an API call into an {@link ApiAuthentication}. Exactly one exists per
 * login profile: personal API tokens in {@code dev}, Keycloak access tokens in {@code keycloak}
 * (docs/decisions/031-api-authentication.md).
 */
public interface ApiAuthenticator {

    /** @throws AuthenticationException when the token is unknown, expired, revoked or grants no portal role */
    ApiAuthentication authenticate(String bearerToken);
}
