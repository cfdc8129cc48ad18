package com.devicecreds.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import com.devicecreds.inventory.loading.sample.Facility;
import com.devicecreds.inventory.loading.sample.SamplePackage;
import com.devicecreds.portal.PortalTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Dual control in a real browser: pki.anna uploads a package and finds it in the inbox as her own,
 * pki.ben finds it waiting for him, reads the approval dialog, confirms his password and approves;
 * the batch activates and the pool's inventory rises by the batch size.
 */
@PortalTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ApprovalEndToEndTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void anna_uploads_ben_approves_in_the_dialog_and_the_pool_rises_by_the_batch_size() throws Exception {
        var facility = Facility.fromPem(Files.readString(LoadingEndToEndTest.DEMO_KEY),
                Files.readString(LoadingEndToEndTest.DEMO_CERTIFICATE));
        String type = jdbc.sql("select code from credential_type where binding_mode = 'next-available' order by code desc limit 1")
                .query(String.class).single();
        Path dir = Files.createDirectories(Path.of("target", "e2e-packages"));
        var sample = SamplePackage.of(facility, type, 750);
        Path file = sample.writeTo(dir.resolve("approval-" + sample.batchId() + ".zip"));
        long available = available(type);

        try (var anna = new Browser(port)) {
            anna.signIn("pki.anna", "demo");
            anna.open("/loading/upload");
            anna.waitFor(By.cssSelector(".loading vaadin-upload"));
            anna.waitUntilVaadinIsIdle();
            LoadingEndToEndTest.upload(anna, file, ".report-accepted");
            anna.waitUntil(gridHas(".batches-grid", sample.batchId()));
            anna.waitUntil(gridHas(".batches-grid", "0 of 1"));
            anna.screenshot("approval-1-upload-staged.png");

            anna.open("/loading/approvals");
            anna.waitFor(By.cssSelector(".inbox-others"));
            anna.waitUntilVaadinIsIdle();
            anna.waitUntil(gridHas(".inbox-others", sample.batchId()));
            anna.waitUntil(gridHas(".inbox-others", "You submitted it"));
            assertThat(text(anna, ".inbox-mine")).doesNotContain(sample.batchId());
            anna.screenshot("approval-2-inbox-of-the-submitter.png");
        }
        long batchId = jdbc.sql("select id from credential_batch where batch_ref = ?").param(sample.batchId())
                .query(Long.class).single();

        try (var ben = new Browser(port)) {
            ben.signIn("pki.ben", "demo");
            ben.open("/loading/approvals");
            ben.waitFor(By.cssSelector(".inbox-mine"));
            ben.waitUntilVaadinIsIdle();
            ben.waitUntil(gridHas(".inbox-mine", sample.batchId()));
            ben.screenshot("approval-3-inbox-waiting-for-ben.png");

            ben.open("/loading/approvals/" + batchId);
            ben.waitFor(By.cssSelector(".manifest-hash"));
            ben.waitUntilVaadinIsIdle();
            ben.waitUntil("document.querySelector('vaadin-dialog-overlay[opening]') === null");
            String dialog = text(ben, "vaadin-dialog-overlay, .approval-dialog");
            assertThat(dialog).contains(sample.batchId()).contains("750").contains("Demo Key Generation Facility")
                    .contains("Available now").contains("Runway").contains("None yet.");
            ben.screenshot("approval-4-dialog.png");

            ben.waitFor(By.cssSelector("vaadin-password-field.confirm-password input")).sendKeys("wrong");
            ben.waitFor(By.cssSelector("vaadin-button.approve")).click();
            ben.waitUntilVaadinIsIdle();
            ben.waitUntil("document.querySelector('.decision-message').innerText.includes('not your password')");
            ben.screenshot("approval-5-dialog-wrong-password.png");
            assertThat(state(batchId)).isEqualTo("staged");

            ben.waitFor(By.cssSelector("vaadin-password-field.confirm-password input")).sendKeys("demo");
            ben.waitFor(By.cssSelector("vaadin-button.approve")).click();
            ben.waitUntilVaadinIsIdle();
            waitForState(batchId, "active");
            ben.open("/loading/approvals");
            ben.waitFor(By.cssSelector(".inbox-mine"));
            ben.waitUntilVaadinIsIdle();
            assertThat(text(ben, ".inbox-mine")).doesNotContain(sample.batchId());
            ben.screenshot("approval-6-inbox-after-approval.png");
        }
        assertThat(available(type) - available).as("the pool rises by the batch size (less what devices took meanwhile)")
                .isBetween(740L, 750L);
        assertThat(jdbc.sql("select decided_by from batch_decision where batch_id = ?").param(batchId).query(String.class).list())
                .containsExactly("pki.ben");
    }

    private static String gridHas(String selector, String text) {
        return "document.querySelector('" + selector + "') !== null && document.querySelector('" + selector
                + "').innerText.includes('" + text + "')";
    }

    private static String text(Browser browser, String selector) {
        return String.valueOf(browser.script("return Array.from(document.querySelectorAll('" + selector
                + "')).map(e => e.innerText).join('\\n')"));
    }

    private void waitForState(long batchId, String expected) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        while (!state(batchId).equals(expected) && Instant.now().isBefore(until)) {
            Thread.sleep(250);
        }
        assertThat(state(batchId)).isEqualTo(expected);
    }

    private String state(long batchId) {
        return jdbc.sql("select state from credential_batch where id = ?").param(batchId).query(String.class).single();
    }

    private long available(String type) {
        return jdbc.sql("""
                        select coalesce(sum(n.available), 0) from pool_count_now n join credential_type t on t.id = n.credential_type_id
                        where t.code = ?""").param(type).query(Long.class).single();
    }
}
