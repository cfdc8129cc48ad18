package com.devicecreds.portal.e2e;

import static com.devicecreds.portal.typeauth.AuthWorld.models;
import static org.assertj.core.api.Assertions.assertThat;

import com.devicecreds.access.OperatorRef;
import com.devicecreds.portal.PortalTest;
import com.devicecreds.portal.change.ConfigChangeService;
import com.devicecreds.portal.security.ApproverStepUp;
import com.devicecreds.portal.typeauth.AuthWorld;
import com.devicecreds.portal.typeauth.TypeAuthorizationService;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The type authorization card on the credential type page in a real browser: pki.anna
 * sees her revocation waiting and a refused authorization keeping its input, pki.ben approves the
 * revocation, and Nordkabel's staff read their own row only.
 */
@PortalTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class TypeAuthorizationEndToEndTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TypeAuthorizationService service;
    @Autowired
    ConfigChangeService changes;
    @Autowired
    ApproverStepUp stepUp;

    @Test
    void anna_requests_a_revocation_ben_approves_it_and_operator_staff_read_their_row() {
        var w = new AuthWorld(jdbc);
        var nordkabel = new OperatorRef(jdbc.sql("select id from operator where code = 'nordkabel'").query(Short.class).single(),
                "nordkabel");
        AuthWorld.approved(changes, stepUp, () -> service.requestGrant(w.type, nordkabel, models(w.x1, w.x2)));
        String nordkabelName = jdbc.sql("select name from operator where id = ?").param(nordkabel.id()).query(String.class).single();
        AuthWorld.approved(changes, stepUp, () -> service.requestGrant(w.type, w.other, models(w.x2)));
        for (var operator : new OperatorRef[] {w.owner, nordkabel, nordkabel, w.other}) {
            jdbc.sql("""
                            insert into authorized_list_part (operator_id, credential_type_id, part_number, source_name, entry_count)
                            values (?, ?, (select coalesce(max(part_number), 0) + 1 from authorized_list_part
                                           where operator_id = ? and credential_type_id = ?), ?, 1250)""")
                    .params(operator.id(), w.type, operator.id(), w.type, operator.code() + "-devices.csv").update();
        }
        try (var anna = AuthWorld.pki(AuthWorld.ANNA)) {
            service.requestRevoke(w.type, w.other, "Contract ended with the end of March");
        }
        String page = "/admin/credential-types/" + w.type;

        try (var anna = new Browser(port)) {
            anna.signIn("pki.anna", "demo");
            anna.open(page);
            anna.waitFor(By.cssSelector(".authorized-operators"));
            anna.waitUntilVaadinIsIdle();
            anna.waitUntil(has(".authorized-operators", "nordkabel-devices.csv") + " || " + has(".authorized-operators", "2 parts"));
            assertThat(text(anna, ".type-authorization-card")).contains(w.ownerName + " (owner)", "Authorized since", w.x1Label(),
                    "2 parts · 2,500 entries");
            assertThat(text(anna, ".pending-changes")).contains("Revoke " + w.otherName, "Waiting for a second person");
            anna.script("document.querySelector('.type-authorization-card').scrollIntoView()");
            anna.screenshot("type-authorization-1-pending-revocation.png");
            anna.script("document.querySelector('.authorize-operator').click()");
            anna.waitFor(By.cssSelector(".authorize-dialog"));
            anna.waitUntilVaadinIsIdle();
            anna.script("document.querySelector('.authorize-dialog .submit').click()");
            anna.waitUntilVaadinIsIdle();
            anna.waitUntil(has(".authorize-dialog", "Choose the operator."));
            anna.screenshot("type-authorization-2-refused-dialog.png");
        }
        try (var ben = new Browser(port)) {
            ben.signIn("pki.ben", "demo");
            ben.open(page);
            ben.waitFor(By.cssSelector(".pending-changes .approve-change"));
            ben.waitUntilVaadinIsIdle();
            ben.approveChange(".pending-changes", "demo");
            ben.waitUntil(has(".authorized-operators", "Revoked "));
            assertThat(text(ben, ".authorized-operators")).contains("by pki.anna: Contract ended with the end of March");
            ben.waitUntil(has(".pending-changes", "No change waits for a decision."));
            ben.script("Array.from(document.querySelectorAll('.authorized-operators vaadin-grid-cell-content'))"
                    + ".find(c => c.innerText.trim() === arguments[0]).click()", nordkabelName);
            ben.waitUntil(has(".list-parts-detail", "nordkabel-devices.csv"));
            ben.script("document.querySelector('.type-authorization-card').scrollIntoView()");
            ben.screenshot("type-authorization-3-approved-and-list-parts.png");
        }
        try (var staff = new Browser(port)) {
            staff.signIn("op.nordkabel", "demo");
            staff.open(page);
            staff.waitFor(By.cssSelector(".authorized-operators"));
            staff.waitUntilVaadinIsIdle();
            staff.waitUntil(has(".authorized-operators", "2 parts"));
            assertThat(staff.all(By.cssSelector(".authorize-operator, .register-model, .revoke-operator, .change-models"))).isEmpty();
            assertThat(text(staff, ".type-authorization-card")).contains("read-only").doesNotContain(w.ownerName, w.otherName);
            staff.script("document.querySelector('.type-authorization-card').scrollIntoView()");
            staff.screenshot("type-authorization-4-operator-read-only.png");
        }
    }

    private static String has(String selector, String text) {
        return "document.querySelector('" + selector + "') !== null && Array.from(document.querySelectorAll('" + selector
                + "')).some(e => e.innerText.includes('" + text + "'))";
    }

    private static String text(Browser browser, String selector) {
        return String.valueOf(browser.script("return Array.from(document.querySelectorAll('" + selector
                + "')).map(e => e.innerText).join('\\n')"));
    }
}
