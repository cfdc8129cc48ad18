package com.devicecreds.portal.security.keycloak;

import com.devicecreds.portal.PortalTest;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The portal in the {@code keycloak} profile against the one real Keycloak of the test run
 * ({@link KeycloakServer#shared()}): every test class that extends this shares both the Keycloak
 * process and the Spring context, so Keycloak starts once.
 */
@PortalTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "loading.approval.reauthentication-max-age=" + KeycloakPortalTest.RECENT_SECONDS + "s")
@ActiveProfiles({"keycloak", "test"})
abstract class KeycloakPortalTest {

    /** How long a sign-in counts as recent for a batch decision here (five minutes in production). */
    static final int RECENT_SECONDS = 3;

    @RegisterExtension
    static final KeycloakServer keycloak = KeycloakServer.shared();

    @DynamicPropertySource
    static void keycloakIssuer(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.client.provider.keycloak.issuer-uri", keycloak::issuerUri);
    }
}
