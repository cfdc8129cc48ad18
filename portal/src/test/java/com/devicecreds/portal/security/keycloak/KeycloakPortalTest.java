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
@PortalTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"keycloak", "test"})
abstract class KeycloakPortalTest {

    @RegisterExtension
    static final KeycloakServer keycloak = KeycloakServer.shared();

    @DynamicPropertySource
    static void keycloakIssuer(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.client.provider.keycloak.issuer-uri", keycloak::issuerUri);
    }
}
