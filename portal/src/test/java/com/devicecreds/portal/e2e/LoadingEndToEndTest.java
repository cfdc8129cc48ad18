package com.devicecreds.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import com.devicecreds.inventory.loading.sample.Defect;
import com.devicecreds.inventory.loading.sample.Facility;
import com.devicecreds.inventory.loading.sample.SamplePackage;
import com.devicecreds.portal.PortalTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PKI operations upload a package signed with the demo facility's key (the demo world trusts its
 * certificate), then a tampered one; the administrator sees the trusted facilities.
 */
@PortalTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class LoadingEndToEndTest {

    static final Path DEMO_KEY = Path.of("..", "docs", "demo", "demo-facility-key.pem");
    static final Path DEMO_CERTIFICATE = Path.of("src", "main", "resources", "demo", "demo-facility.pem");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void pki_operations_upload_a_valid_and_a_tampered_package_and_read_both_reports() throws Exception {
        var facility = Facility.fromPem(Files.readString(DEMO_KEY), Files.readString(DEMO_CERTIFICATE));
        String type = jdbc.sql("select code from credential_type where binding_mode = 'next-available' order by code limit 1")
                .query(String.class).single();
        Path dir = Files.createDirectories(Path.of("target", "e2e-packages"));
        var valid = SamplePackage.of(facility, type, 500);
        Path good = valid.writeTo(dir.resolve("demo-" + valid.batchId() + ".zip"));
        var tampered = SamplePackage.of(facility, type, 40).defect(Defect.TAMPERED_RECORD);
        Path bad = dir.resolve("tampered-" + tampered.batchId() + ".zip");
        Files.write(bad, tampered.toBytes());
        long available = available(type);

        try (var browser = new Browser(port)) {
            browser.signIn("pki.anna", "demo");
            browser.open("/loading/upload");
            browser.waitFor(By.cssSelector(".loading vaadin-upload"));
            browser.waitUntilVaadinIsIdle();

            upload(browser, good, ".report-accepted");
            var accepted = browser.waitFor(By.cssSelector(".report-accepted"));
            assertThat(accepted.getText()).contains("Staged: batch " + valid.batchId()).contains("500")
                    .contains("Manifest SHA-256");
            browser.waitUntil("document.querySelector('.batches-grid').innerText.includes('" + valid.batchId() + "')");
            browser.screenshot("loading-upload-accepted.png");

            upload(browser, bad, ".report-refused");
            var refused = browser.waitFor(By.cssSelector(".report-refused"));
            assertThat(refused.getText()).contains("Refused: 1 problem").contains("The records do not match the manifest's SHA-256");
            browser.screenshot("loading-upload-refused.png");
        }
        assertThat(jdbc.sql("select state from credential_batch where batch_ref = ?").param(valid.batchId())
                .query(String.class).single()).isEqualTo("staged");
        assertThat(available(type)).as("nothing becomes available before approval").isEqualTo(available);
        assertThat(jdbc.sql("select count(*) from credential_batch where batch_ref = ?").param(tampered.batchId())
                .query(Long.class).single()).isZero();
    }

    @Test
    void administrators_see_the_trusted_facilities_with_the_demo_facility() {
        try (var browser = new Browser(port)) {
            browser.signIn("admin.erik", "demo");
            browser.open("/admin/facility-certificates");
            browser.waitFor(By.cssSelector(".facilities vaadin-grid"));
            browser.waitUntilVaadinIsIdle();
            browser.waitUntil("document.querySelector('.facilities vaadin-grid').innerText.includes('Demo Key Generation Facility')");
            browser.screenshot("loading-trusted-facilities.png");
        }
    }

    private long available(String type) {
        return jdbc.sql("""
                        select coalesce(sum(n.available), 0) from pool_count_now n join credential_type t on t.id = n.credential_type_id
                        where t.code = ?""").param(type).query(Long.class).single();
    }

    /** Hands the file to the upload's file input (in its shadow root) and waits for the report it should bring. */
    static void upload(Browser browser, Path file, String report) {
        var input = (WebElement) browser.script(
                "return document.querySelector('vaadin-upload').shadowRoot.querySelector('input[type=file]')"
                        + " || document.querySelector('vaadin-upload input[type=file]')");
        input.sendKeys(file.toAbsolutePath().toString());
        browser.waitUntil("document.querySelector('.upload-report " + report + "') !== null");
        browser.waitUntilVaadinIsIdle();
    }
}
