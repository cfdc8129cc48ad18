package com.devicecreds.portal.security.keycloak;

import java.util.Arrays;
import java.util.List;

import org.springframework.core.env.Environment;

/**
 * Checks, before any bean is created, that the keycloak login runs alone and, in production, not
 * with the local client secret. The dev login's demo accounts have published passwords: running
 * both logins would put them on an instance that is meant to be reachable.
 */
final class LoginProfileGuard {

    static final String LOCAL_CLIENT_SECRET = "credentials-portal-local-secret";
    static final String CLIENT_SECRET = "spring.security.oauth2.client.registration."
            + KeycloakSecurityConfiguration.REGISTRATION_ID + ".client-secret";

    private LoginProfileGuard() {
    }

    static void check(Environment environment) {
        List<String> active = Arrays.asList(environment.getActiveProfiles());
        if (active.contains("dev")) {
            throw new IllegalStateException("The profiles 'keycloak' and 'dev' are both active (" + active
                    + "). They are two different logins: use 'keycloak' (sign-in through Keycloak) or 'dev' "
                    + "(local demo accounts, development only), never both.");
        }
        if (active.contains("prod") && LOCAL_CLIENT_SECRET.equals(environment.getProperty(CLIENT_SECRET))) {
            throw new IllegalStateException("The keycloak profile runs in prod with the local client secret: "
                    + "set KEYCLOAK_CLIENT_SECRET to the secret of the client in the production realm.");
        }
    }
}
