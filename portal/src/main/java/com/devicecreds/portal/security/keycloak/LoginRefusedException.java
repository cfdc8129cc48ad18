package com.devicecreds.portal.security.keycloak;

import java.util.Optional;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * Keycloak authenticated the user, but the portal refuses the sign-in because the account's claims
 * would not give a well-defined access (no portal role, operator staff without a known operator). The
 * description is written for the user and shown on the sign-in refused page.
 */
final class LoginRefusedException extends OAuth2AuthenticationException {

    static final String NO_USERNAME = "portal_no_username";
    static final String NO_PORTAL_ROLE = "portal_no_role";
    static final String NO_OPERATOR = "portal_no_operator";
    static final String UNKNOWN_OPERATOR = "portal_unknown_operator";

    private final String username;

    LoginRefusedException(String errorCode, String username, String description) {
        super(new OAuth2Error(errorCode, description, null), description);
        this.username = username;
    }

    /** The Keycloak user name, when the token named one. */
    Optional<String> username() {
        return Optional.ofNullable(username);
    }
}
