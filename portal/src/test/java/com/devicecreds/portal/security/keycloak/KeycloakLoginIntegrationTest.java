package com.devicecreds.portal.security.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.devicecreds.access.Roles;
import com.devicecreds.inventory.loading.facility.FacilityCertificateService;
import com.devicecreds.inventory.loading.sample.Facility;
import com.devicecreds.inventory.loading.sample.SamplePackage;
import com.devicecreds.inventory.loading.upload.PackageUploadService;
import com.devicecreds.portal.security.SignedIn;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * End to end against a real Keycloak with the shipped realm: the portal sends the browser to
 * Keycloak's login page, comes back signed in with the roles and name from the token, signing
 * out ends the Keycloak session too, and a batch decision after the sign-in stopped being recent
 * sends the approver to sign in at Keycloak again (prompt=login) before it counts. Slow (Keycloak starts in about a minute), so only the flow
 * that matters runs here; the claim mapping has its unit tests in {@link KeycloakUserServiceTest}.
 */
class KeycloakLoginIntegrationTest extends KeycloakPortalTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    FacilityCertificateService facilities;
    @Autowired
    PackageUploadService uploads;

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

    @Test
    void approving_a_batch_makes_the_approver_sign_in_at_keycloak_again_and_then_counts() throws Exception {
        long batchId = batchUploadedByAnna();
        String portal = "http://localhost:" + port;
        try (var browser = new HeadlessChromium()) {
            browser.open(portal + "/");
            browser.await(By.id("username")).sendKeys("pki.ben");
            browser.await(By.id("password")).sendKeys("demo");
            browser.await(By.id("kc-login")).click();
            browser.await(By.className("dashboard"));
            // Ben's sign-in stops being recent; his Keycloak session lives on.
            Thread.sleep((RECENT_SECONDS + 1) * 1000L);

            browser.open(portal + "/loading/approvals/" + batchId);
            browser.await(By.className("sign-in-again"));
            browser.await(By.cssSelector("vaadin-button.approve")).click();
            // Refused as not recent: sent to Keycloak, which asks again although its session is alive.
            browser.await(By.id("kc-login"));
            assertThat(browser.currentUrl()).startsWith(keycloak.issuerUri());
            assertThat(state(batchId)).isEqualTo("staged");
            assertThat(jdbc.sql("select count(*) from batch_decision where batch_id = ?").param(batchId)
                    .query(Long.class).single()).isZero();
            browser.screenshot("keycloak-step-up.png");

            // Keycloak knows who it is and asks for the password only.
            assertThat(browser.driver().getPageSource()).contains("re-authenticate").contains("pki.ben");
            browser.await(By.id("password")).sendKeys("demo");
            browser.await(By.id("kc-login")).click();

            // Back at the batch, signed in just now: the approval counts.
            browser.until(d -> d.getCurrentUrl().startsWith(portal + "/loading/approvals/" + batchId));
            browser.await(By.cssSelector("vaadin-button.approve")).click();
            browser.until(d -> !state(batchId).equals("staged"));
        }
        assertThat(jdbc.sql("select decided_by from batch_decision where batch_id = ?").param(batchId).query(String.class).list())
                .containsExactly("pki.ben");
        assertThat(auditRows("pki.ben", "BATCH_APPROVED", "success")).isEqualTo(1);
        assertThat(auditRows("pki.ben", "LOGIN", "success")).as("the sign-in and the step-up").isEqualTo(2);
    }

    /** A package of a demo type, signed by a facility an administrator trusted and uploaded by pki.anna. */
    private long batchUploadedByAnna() {
        String type = jdbc.sql("select code from credential_type where binding_mode = 'next-available' order by id limit 1")
                .query(String.class).single();
        var facility = Facility.selfSigned("Step-up KGF " + UUID.randomUUID(), Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(30)));
        try (var admin = SignedIn.as(SignedIn.withRole(Roles.ADMIN))) {
            facilities.trust(facility.chainPem());
        }
        var sample = SamplePackage.of(facility, type, 10);
        try (var anna = SignedIn.as(SignedIn.user("pki.anna", Optional.empty(), Roles.PKI_OPS))) {
            return uploads.upload(new ByteArrayInputStream(sample.toBytes()), "step-up.zip").batch().orElseThrow().id();
        }
    }

    private String state(long batchId) {
        return jdbc.sql("select state from credential_batch where id = ?").param(batchId).query(String.class).single();
    }

    private long auditRows(String actor, String action, String outcome) {
        return jdbc.sql("select count(*) from audit_event where actor = ? and action = ? and outcome = ?")
                .params(actor, action, outcome).query(Long.class).single();
    }
}
