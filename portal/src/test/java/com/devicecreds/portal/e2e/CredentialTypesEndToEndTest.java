package com.devicecreds.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import com.devicecreds.portal.PortalTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The credential type editor in a real browser: pki.anna proposes a new type, which pki.ben approves
 * from the list; she changes the key agreement of Nordkabel's online certificates and proposes
 * Nordkabel's certificate template; he approves both on the type's page and the history shows each
 * setting's old and new value; Nordkabel's staff read the same page without any control to change it.
 */
@PortalTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class CredentialTypesEndToEndTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private final String run = UUID.randomUUID().toString().substring(0, 6);

    @Test
    void a_new_type_and_a_security_relevant_change_take_effect_when_a_second_person_approves() throws InterruptedException {
        String code = "e2e-certs-" + run;
        int typeId = jdbc.sql("""
                        insert into credential_type (code, name, credential_kind, owner_operator_id, device_id_kind, binding_mode,
                                                     encryption_mode)
                        select ?, ?, 'x509-device', id, 'mac', 'issued-online', 'global-session-key' from operator
                        where code = 'nordkabel' returning id""")
                .params(code, "Gateway certificates " + run).query(Integer.class).single();
        jdbc.sql("""
                        insert into type_authorization (credential_type_id, operator_id)
                        select ?, id from operator where code = 'nordkabel'""").param(typeId).update();
        String page = "/admin/credential-types/" + typeId;
        String newCode = "e2e-dtcp-" + run;

        try (var anna = new Browser(port)) {
            anna.signIn("pki.anna", "demo");
            anna.open("/admin/credential-types");
            anna.waitFor(By.cssSelector(".new-type")).click();
            anna.waitFor(By.cssSelector(".new-type-dialog .type-code input")).sendKeys(newCode);
            anna.waitFor(By.cssSelector(".new-type-dialog .type-name input")).sendKeys("DTCP-IP keys " + run);
            anna.choose(".new-type-dialog .type-kind", "DTCP-IP device key");
            anna.choose(".new-type-dialog .type-encryption", "Global key, plus a one-time session key");
            anna.choose(".new-type-dialog .type-key-agreement", "None");
            anna.waitFor(By.cssSelector(".new-type-dialog .request-type")).click();
            anna.waitUntilVaadinIsIdle();
            // Refused with the reason, and everything entered is still there.
            anna.waitUntil(has(".new-type-dialog .form-problems", "needs a key agreement"));
            anna.screenshot("credential-types-1-new-type-refused.png");
            anna.choose(".new-type-dialog .type-key-agreement", "ECDH, X25519");
            anna.waitFor(By.cssSelector(".new-type-dialog .request-type")).click();
            anna.waitUntilVaadinIsIdle();
            anna.waitUntil(has(".pending-creations", newCode));
            assertThat(text(anna, ".types-grid")).doesNotContain("DTCP-IP keys " + run);
            anna.screenshot("credential-types-2-list-with-pending-type.png");

            anna.open(page);
            anna.waitFor(By.cssSelector(".type-settings"));
            anna.script("document.querySelector('.type-key-agreement').scrollIntoView({block: 'center'})");
            anna.choose(".type-key-agreement", "ECDH, X25519");
            anna.script("document.querySelector('.save-type').click()");
            anna.waitUntilVaadinIsIdle();
            anna.waitUntil(has(".type-message", "approval (request"));
            anna.script("document.querySelector('.edit-template').click()");
            anna.waitFor(By.cssSelector(".template-dialog .template-o input")).sendKeys("Nordkabel AG");
            anna.waitFor(By.cssSelector(".template-dialog .template-ou input")).sendKeys("Home gateways");
            anna.waitFor(By.cssSelector(".template-dialog .template-c input")).sendKeys("DE");
            anna.waitUntil(has(".subject-preview", "CN=<device ID>, OU=Home gateways, O=Nordkabel AG, C=DE"));
            anna.screenshot("credential-types-3-template-dialog.png");
            anna.waitFor(By.cssSelector(".template-dialog .request-template")).click();
            anna.waitUntilVaadinIsIdle();
            anna.waitUntil(has(".type-pending", "Certificate template"));
            anna.waitUntil("document.querySelector('.template-dialog') === null");
            Thread.sleep(400); // the dialog's closing animation
            assertThat(text(anna, ".type-pending")).contains("Waiting for a second person").doesNotContain("Approve");
            assertThat(text(anna, ".type-settings")).contains("ECDH, NIST P-256");
            anna.screenshot("credential-types-4-changes-waiting.png");
        }
        try (var ben = new Browser(port)) {
            ben.signIn("pki.ben", "demo");
            ben.open("/admin/credential-types");
            ben.waitUntil(has(".pending-creations", newCode));
            ben.approveChange(".pending-creations", "demo");
            ben.waitUntil(has(".types-grid", "DTCP-IP keys " + run));

            ben.open(page);
            ben.waitUntil(has(".type-pending", "Key agreement ECDH, NIST P-256 → ECDH, X25519"));
            ben.script("document.querySelector('.type-pending .approve-change').click()");
            var password = ben.waitFor(By.cssSelector(".approve-change-dialog .confirm-password input"));
            password.sendKeys("not my password", Keys.TAB);
            ben.script("document.querySelector('.approve-change-dialog .confirm-approve-change').click()");
            ben.waitUntil(has(".approve-change-dialog .form-problems", "not your password"));
            assertThat(text(ben, ".approve-change-dialog")).contains("Key agreement ECDH, NIST P-256 → ECDH, X25519",
                    "Requested by pki.anna");
            ben.screenshot("credential-types-5-approve-with-password.png");
            password.sendKeys("demo", Keys.TAB);
            ben.script("document.querySelector('.approve-change-dialog .confirm-approve-change').click()");
            ben.waitUntilVaadinIsIdle();
            ben.waitUntil("document.querySelector('.approve-change-dialog') === null");
            ben.approveChange(".type-pending", "demo");
            ben.waitUntil(has(".type-history", "Certificate subject O"));
            assertThat(text(ben, ".type-pending")).contains("No change waits for a decision");
            assertThat(text(ben, ".type-history")).contains("ECDH, NIST P-256", "ECDH, X25519", "pki.anna", "pki.ben");
            assertThat(text(ben, ".type-templates")).contains("CN=<device ID>, OU=Home gateways, O=Nordkabel AG, C=DE");
            assertThat(text(ben, ".type-version")).contains("version 3");
            ben.screenshot("credential-types-6-editor.png");
            ben.script("document.querySelector('.type-templates').scrollIntoView()");
            ben.screenshot("credential-types-7-templates-and-history.png");
        }
        assertThat(jdbc.sql("select key_agreement from credential_type where id = ?").param(typeId).query(String.class).single())
                .isEqualTo("x25519");
        try (var staff = new Browser(port)) {
            staff.signIn("op.nordkabel", "demo");
            staff.open(page);
            staff.waitFor(By.cssSelector(".type-settings"));
            staff.waitUntilVaadinIsIdle();
            assertThat(staff.all(By.cssSelector(".save-type, .edit-template, .approve-change, .new-type"))).isEmpty();
            assertThat((Boolean) staff.script("return document.querySelector('.type-key-agreement').readonly")).isTrue();
            staff.screenshot("credential-types-8-operator-read-only.png");
        }
    }

    private static String has(String selector, String text) {
        return "document.querySelector('" + selector + "') !== null && document.querySelector('" + selector
                + "').innerText.includes('" + text.replace("'", "\\'") + "')";
    }

    private static String text(Browser browser, String selector) {
        return String.valueOf(browser.script("return Array.from(document.querySelectorAll('" + selector
                + "')).map(e => e.innerText).join('\\n')"));
    }
}
