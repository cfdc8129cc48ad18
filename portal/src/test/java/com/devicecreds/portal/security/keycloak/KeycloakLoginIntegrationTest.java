package com.devicecreds.portal.security.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import com.devicecreds.access.Roles;
import com.devicecreds.portal.PortalTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * End to end against a real Keycloak with the shipped realm: the portal sends the browser to
 * Keycloak's login page, comes back signed in with the roles and name from the token, and signing
 * out ends the Keycloak session too. Slow (Keycloak starts in about a minute), so only the flow
 * that matters runs here; the claim mapping has its unit tests in {@link KeycloakUserServiceTest}.
 */
@PortalTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"keycloak", "test"})
class KeycloakLoginIntegrationTest {

    @RegisterExtension
    static final KeycloakServer keycloak = new KeycloakServer();

    @DynamicPropertySource
    static void keycloakIssuer(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.client.provider.keycloak.issuer-uri", keycloak::issuerUri);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void a_pki_operator_signs_in_through_keycloak_and_signing_out_ends_the_keycloak_session() {
        String portal = "http://localhost:" + port + "/";
        try (var browser = new HeadlessChromium()) {
            browser.open(portal);
            browser.await(By.id("kc-login"));
            assertThat(browser.currentUrl()).startsWith(keycloak.issuerUri() + "/protocol/openid-connect/auth");
            browser.screenshot("keycloak-login.png");

            browser.await(By.id("username")).sendKeys("pki.anna");
            browser.await(By.id("password")).sendKeys("demo");
            browser.await(By.id("kc-login")).click();

            browser.await(By.className("dashboard"));
            assertThat(browser.currentUrl()).startsWith(portal);
            var userMenu = browser.await(By.className("user-menu"));
            browser.until(d -> userMenu.getText().contains("Anna Lindqvist"));
            browser.screenshot("dashboard.png");
            assertThat(auditRows("pki.anna", "LOGIN", "success")).isEqualTo(1);

            userMenu.click();
            browser.await(By.xpath("//vaadin-menu-bar-item[contains(., 'Sign out')]")).click();

            // Keycloak ended its session: back at the portal, the browser is sent to the login page again.
            browser.await(By.id("kc-login"));
            assertThat(browser.currentUrl()).startsWith(keycloak.issuerUri());
            assertThat(auditRows("pki.anna", "LOGOUT", "success")).isEqualTo(1);
            browser.open(portal);
            browser.await(By.id("kc-login"));
            assertThat(browser.currentUrl()).startsWith(keycloak.issuerUri() + "/protocol/openid-connect/auth");
        }
    }

    @Test
    void operator_staff_without_an_operator_are_refused_with_a_clear_page_and_can_sign_out_of_keycloak()
            throws Exception {
        keycloak.addUser(Roles.OPERATOR_STAFF, """
                {"username": "op.orphan", "enabled": true, "emailVerified": true, "firstName": "Otto",
                 "lastName": "Orphan", "email": "op.orphan@devicecreds.example",
                 "credentials": [{"type": "password", "value": "demo", "temporary": false}]}""");
        String portal = "http://localhost:" + port + "/";
        try (var browser = new HeadlessChromium()) {
            browser.open(portal);
            browser.await(By.id("username")).sendKeys("op.orphan");
            browser.await(By.id("password")).sendKeys("demo");
            browser.await(By.id("kc-login")).click();

            var reason = browser.await(By.className("login-refused-reason"));
            assertThat(reason.getText()).contains("op.orphan", "bound to no operator");
            assertThat(browser.driver().findElements(By.className("dashboard"))).isEmpty();
            browser.screenshot("login-refused.png");
            assertThat(auditRows("op.orphan", "LOGIN", "failed")).isEqualTo(1);

            // Keycloak still knows the user, the portal still refuses: the same page, no redirect loop.
            browser.open(portal);
            browser.await(By.className("login-refused-reason"));

            browser.await(By.className("keycloak-sign-out")).click();
            browser.await(By.id("kc-logout")).click();
            browser.await(By.id("kc-login"));
            assertThat(browser.currentUrl()).startsWith(keycloak.issuerUri() + "/protocol/openid-connect/auth");
        }
    }

    private long auditRows(String actor, String action, String outcome) {
        return jdbc.sql("select count(*) from audit_event where actor = ? and action = ? and outcome = ?")
                .params(actor, action, outcome).query(Long.class).single();
    }
}
