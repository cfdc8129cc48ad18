package com.devicecreds.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.devicecreds.inventory.loading.facility.FacilityCertificateService;
import com.devicecreds.inventory.loading.upload.PackageUploadService;
import com.devicecreds.portal.PortalTest;
import com.devicecreds.portal.demo.AnnasUpload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Decision 027 in a real browser: pki.ben's wrong passwords lock his confirmation and the dialog says
 * so; pki.anna finds her own waiting batch in the inbox with "Withdraw…" and withdraws it.
 */
@PortalTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class WithdrawAndThrottleEndToEndTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    FacilityCertificateService facilities;
    @Autowired
    PackageUploadService uploads;

    @AfterEach
    void unlockBen() {
        jdbc.sql("delete from step_up_failure where username = 'pki.ben'").update();
    }

    @Test
    void five_wrong_passwords_lock_the_approvers_confirmation_and_the_submitter_withdraws_her_request() {
        String type = jdbc.sql("select code from credential_type where binding_mode = 'next-available' order by code limit 1")
                .query(String.class).single();
        var upload = AnnasUpload.of(facilities, uploads, "Withdrawal KGF", type, 20, "withdrawal.zip");
        String ref = upload.sample().batchId();

        try (var ben = new Browser(port)) {
            ben.signIn("pki.ben", "demo");
            ben.open("/loading/approvals/" + upload.batchId());
            ben.waitFor(By.cssSelector(".staged-hash"));
            ben.waitUntilVaadinIsIdle();
            for (int i = 1; i <= 6; i++) {
                ben.waitFor(By.cssSelector("vaadin-password-field.confirm-password input")).sendKeys("wrong-" + i);
                ben.waitFor(By.cssSelector("vaadin-button.approve")).click();
                ben.waitUntilVaadinIsIdle();
            }
            ben.waitUntil("document.querySelector('.decision-message').innerText.includes('Too many wrong passwords')");
            ben.screenshot("step-up-throttled.png");
        }
        assertThat(state(upload.batchId())).isEqualTo("staged");
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'STEP_UP_FAILED' and actor = 'pki.ben' and details like ?")
                .param("%wrong password%").query(Integer.class).single()).isGreaterThanOrEqualTo(5);

        try (var anna = new Browser(port)) {
            anna.signIn("pki.anna", "demo");
            anna.open("/loading/approvals");
            anna.waitFor(By.cssSelector(".inbox-others"));
            anna.waitUntilVaadinIsIdle();
            anna.waitUntil("document.querySelector('.inbox-others').innerText.includes('" + ref + "')");
            anna.waitUntil("document.querySelector('.inbox-others').innerText.includes('Withdraw')");
            anna.screenshot("inbox-own-batch-withdraw.png");

            anna.open("/loading/approvals/" + upload.batchId());
            var withdraw = anna.waitFor(By.cssSelector("vaadin-button.withdraw"));
            anna.waitUntilVaadinIsIdle();
            anna.waitUntil("document.querySelector('vaadin-dialog-overlay[opening]') === null");
            anna.screenshot("dialog-withdraw.png");
            withdraw.click();
            anna.waitUntilVaadinIsIdle();
            anna.waitUntil("!document.querySelector('.inbox-others').innerText.includes('" + ref + "')");
            anna.screenshot("inbox-after-withdrawal.png");
        }
        assertThat(state(upload.batchId())).isEqualTo("withdrawn");
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'BATCH_WITHDRAWN' and actor = 'pki.anna' and outcome = 'success'"
                + " and details like ?").param("%\"batchId\":\"" + upload.batchId() + "\"%").query(Integer.class).single()).isEqualTo(1);
    }

    private String state(long batchId) {
        return jdbc.sql("select state from credential_batch where id = ?").param(batchId).query(String.class).single();
    }
}
