package com.devicecreds.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.devicecreds.access.OperatorRef;
import com.devicecreds.access.Roles;
import com.devicecreds.inventory.loading.format.Pem;
import com.devicecreds.inventory.loading.sample.SampleCa;
import com.devicecreds.portal.PortalTest;
import com.devicecreds.portal.security.ApproverStepUp;
import com.devicecreds.portal.change.ConfigChangeService;
import com.devicecreds.portal.change.ConfirmedApproval;
import com.devicecreds.portal.deviceca.DeviceCaMonitor;
import com.devicecreds.portal.deviceca.DeviceCaService;
import com.devicecreds.portal.security.SignedIn;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The Device CAs page in a real browser: the chain of Nordkabel's type as a tree with a CA's details,
 * pki.anna's pending sub-CA that she cannot approve and pki.ben approves, and Nordkabel's staff
 * reading the same pair without any control to change it.
 */
@PortalTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class DeviceCasEndToEndTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DeviceCaService cas;
    @Autowired
    ConfigChangeService changes;
    @Autowired
    ApproverStepUp stepUp;
    @Autowired
    DeviceCaMonitor monitor;

    @Test
    void ben_sees_the_chain_and_approves_annas_sub_ca_and_operator_staff_read_it_only() {
        short operatorId = jdbc.sql("select id from operator where code = 'nordkabel'").query(Short.class).single();
        var nordkabel = new OperatorRef(operatorId, "nordkabel");
        var type = jdbc.sql("""
                        select t.id, t.code from credential_type t join type_authorization a on a.credential_type_id = t.id
                        where a.operator_id = ? order by t.name limit 1""").param(operatorId)
                .query((rs, n) -> new Object[] {rs.getInt(1), rs.getString(2)}).single();
        int typeId = (int) type[0];
        Instant now = Instant.now();
        var root = SampleCa.root("Settop Devices GmbH", "Settop Devices Root CA G2", now.minus(Duration.ofDays(400)),
                now.plus(Duration.ofDays(7300)), Optional.of("http://pki.settop-devices.example/root-g2.crl"));
        var factory = root.subCa("Settop Factory CA 2026", now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(1825)),
                Optional.empty());
        var legacy = root.subCa("Settop Factory CA 2019", now.minus(Duration.ofDays(2500)), now.plus(Duration.ofDays(12)),
                Optional.empty());
        var newLine = root.subCa("Settop Factory CA 2027", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(2000)),
                Optional.empty());
        try (var anna = pki("pki.anna")) {
            long add = cas.requestAdd(nordkabel, typeId, (Pem.encode(root.certificate()) + Pem.encode(factory.certificate())
                    + Pem.encode(legacy.certificate())).getBytes()).id();
            try (var ben = pki("pki.ben")) {
                ConfirmedApproval.approve(changes, stepUp, add);
            }
            // The demo world trusts its own device maker's CAs for the pair too.
            long rootId = cas.trusted(nordkabel, typeId).stream().filter(ca -> ca.subject().contains("Settop Devices Root CA G2"))
                    .findFirst().orElseThrow().id();
            cas.uploadCrl(rootId, root.crl(now.minus(Duration.ofHours(2)), Optional.of(now.plus(Duration.ofDays(7))),
                    List.of(BigInteger.valueOf(4711), BigInteger.valueOf(4712), BigInteger.valueOf(90001))));
            cas.requestAdd(nordkabel, typeId, Pem.encode(newLine.certificate()).getBytes());
        }
        monitor.evaluate();
        String page = "/admin/device-cas?pair=nordkabel/" + type[1];

        try (var anna = new Browser(port)) {
            anna.signIn("pki.anna", "demo");
            anna.open(page);
            anna.waitFor(By.cssSelector(".ca-chain"));
            anna.waitUntilVaadinIsIdle();
            anna.waitUntil(has(".pending-changes", "Waiting for a second person"));
            assertThat(text(anna, ".pending-changes")).doesNotContain("Approve");
        }
        try (var ben = new Browser(port)) {
            ben.signIn("pki.ben", "demo");
            ben.open(page);
            ben.waitFor(By.cssSelector(".ca-chain"));
            ben.waitUntilVaadinIsIdle();
            ben.waitUntil(has(".ca-chain", "Settop Factory CA 2019"));
            assertThat(text(ben, ".ca-chain")).contains("Settop Devices Root CA G2", "Settop Factory CA 2026", "Expires soon",
                    "CRL 3 revoked", "EC 256");
            ben.script("Array.from(document.querySelectorAll('.ca-chain vaadin-grid-cell-content'))"
                    + ".find(c => c.innerText.trim() === 'Settop Devices Root CA G2').click()");
            ben.waitUntil(has(".ca-details", "SHA-256"));
            assertThat(text(ben, ".ca-details")).contains("Root CA (self-signed)", "http://pki.settop-devices.example/root-g2.crl",
                    "3 revoked serials", "approved by pki.ben");
            ben.screenshot("device-cas-1-chain.png");
            ben.script("document.querySelector('.pending-changes').scrollIntoView()");
            assertThat(text(ben, ".pending-changes")).contains("Settop Factory CA 2027", "pki.anna", "Approve", "Reject");
            ben.screenshot("device-cas-2-pending.png");

            ben.approveChange(".pending-changes", "demo");
            ben.waitUntil(has(".ca-chain", "Settop Factory CA 2027"));
            assertThat(text(ben, ".ca-details")).contains("Root CA (self-signed)");
            assertThat(text(ben, ".change-history")).contains("applied");
            ben.script("document.querySelector('.change-history').scrollIntoView()");
            ben.screenshot("device-cas-3-approved-and-history.png");
        }
        try (var staff = new Browser(port)) {
            staff.signIn("op.nordkabel", "demo");
            staff.open(page);
            staff.waitFor(By.cssSelector(".ca-chain"));
            staff.waitUntilVaadinIsIdle();
            staff.waitUntil(has(".ca-chain", "Settop Factory CA 2027"));
            assertThat(staff.all(By.cssSelector(".add-card, .crl-upload, .approve-change"))).isEmpty();
            assertThat(text(staff, ".view-intro")).contains("read-only");
            staff.screenshot("device-cas-4-operator-read-only.png");
        }
    }

    private static SignedIn pki(String user) {
        return SignedIn.as(SignedIn.user(user, Optional.empty(), Roles.PKI_OPS));
    }

    private static String has(String selector, String text) {
        return "document.querySelector('" + selector + "') !== null && document.querySelector('" + selector
                + "').innerText.includes('" + text + "')";
    }

    private static String text(Browser browser, String selector) {
        return String.valueOf(browser.script("return Array.from(document.querySelectorAll('" + selector
                + "')).map(e => e.innerText).join('\\n')"));
    }
}
