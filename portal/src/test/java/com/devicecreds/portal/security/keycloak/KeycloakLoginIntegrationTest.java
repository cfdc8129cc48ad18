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
 * out ends the Keycloak session too, and a batch decision asks for the approval level of
 * authentication: a recent password-only sign-in is refused and sends the approver to Keycloak, which
 * asks for the password and a one-time code (acr_values=approval), after which the decision counts.
 * Slow (Keycloak starts in about a minute), so only the flow that matters runs here; the claim mapping has its unit tests in {@link KeycloakUserServiceTest}.
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
    void an_approval_needs_a_one_time_code_a_recent_password_sign_in_is_refused_and_the_step_up_counts() throws Exception {
        String secret = "portal-test-otp-" + UUID.randomUUID();
        keycloak.addUser(Roles.PKI_OPS, """
                {"username": "pki.otto", "enabled": true, "emailVerified": true, "firstName": "Otto",
                 "lastName": "Approver", "email": "pki.otto@devicecreds.example",
                 "credentials": [{"type": "password", "value": "demo", "temporary": false},
                                 {"type": "otp", "userLabel": "test authenticator",
                                  "secretData": "{\\"value\\": \\"%s\\"}",
                                  "credentialData": "{\\"subType\\": \\"totp\\", \\"digits\\": 6, \\"counter\\": 0, \\"period\\": 30, \\"algorithm\\": \\"HmacSHA1\\"}"}]}"""
                .formatted(secret));
        long batchId = batchUploadedByAnna();
        String portal = "http://localhost:" + port;
        try (var browser = new HeadlessChromium()) {
            browser.open(portal + "/");
            browser.await(By.id("username")).sendKeys("pki.otto");
            browser.await(By.id("password")).sendKeys("demo");
            browser.await(By.id("kc-login")).click();
            browser.await(By.className("dashboard"));

            // Signed in a moment ago, but with a password only (acr sign-in): the approval is refused
            // and the browser sent to Keycloak for the approval level.
            browser.open(portal + "/loading/approvals/" + batchId);
            browser.await(By.className("sign-in-again"));
            browser.await(By.cssSelector("vaadin-button.approve")).click();
            browser.await(By.id("kc-login"));
            assertThat(browser.currentUrl()).startsWith(keycloak.issuerUri()).contains("acr_values=approval");
            assertThat(state(batchId)).isEqualTo("staged");
            assertThat(jdbc.sql("select count(*) from batch_decision where batch_id = ?").param(batchId)
                    .query(Long.class).single()).isZero();
            assertThat(auditRows("pki.otto", "BATCH_APPROVED", "denied")).as("refused for want of the level").isZero();

            browser.await(By.id("password")).sendKeys("demo");
            browser.await(By.id("kc-login")).click();
            // The second factor: a code from the authenticator holding the known secret.
            browser.await(By.id("otp")).sendKeys(Totp.code(secret, Instant.now()));
            browser.screenshot("keycloak-step-up-otp.png");
            browser.await(By.id("kc-login")).click();

            // Back at the batch with acr approval: the approval counts.
            browser.until(d -> d.getCurrentUrl().startsWith(portal + "/loading/approvals/" + batchId));
            browser.await(By.cssSelector("vaadin-button.approve")).click();
            browser.until(d -> !state(batchId).equals("staged"));
        }
        assertThat(jdbc.sql("select decided_by from batch_decision where batch_id = ?").param(batchId).query(String.class).list())
                .containsExactly("pki.otto");
        assertThat(auditRows("pki.otto", "BATCH_APPROVED", "success")).isEqualTo(1);
        assertThat(auditRows("pki.otto", "LOGIN", "success")).as("the sign-in and the step-up").isEqualTo(2);
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
