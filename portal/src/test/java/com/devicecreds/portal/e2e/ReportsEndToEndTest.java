package com.devicecreds.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.devicecreds.portal.PortalTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@PortalTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ReportsEndToEndTest {

    private static final String CHARTS_LOADED = "document.querySelectorAll('.chart-image').length === 4"
            + " && [...document.querySelectorAll('.chart-image')].every(i => i.complete && i.naturalWidth > 0)";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void pki_operations_see_usage_charts_drawn_at_the_screens_pixel_ratio_and_the_numbers_beside_them() {
        try (var browser = new Browser(port)) {
            browser.signIn("pki.anna", "demo");
            browser.open("/reports/usage");
            browser.waitFor(By.cssSelector(".usage-view .operator-choice"));
            browser.waitUntilVaadinIsIdle();
            browser.waitUntil(CHARTS_LOADED);
            assertThat(((Number) browser.script("return document.querySelector('.usage-by-type').naturalWidth")).longValue())
                    .isEqualTo(1000);
            assertThat(((Number) browser.script("return document.querySelector('.usage-rows').size")).longValue()).isPositive();
            browser.screenshot("usage-all-operators.png");
            browser.script("document.querySelector('.usage-rows').scrollIntoView()");
            browser.screenshot("usage-table.png");
            browser.script("document.querySelector('.usage-previous').scrollIntoView()");
            browser.screenshot("usage-previous-period.png");
        }
    }

    @Test
    void operator_staff_see_their_own_usage_without_a_choice_of_operator() {
        try (var browser = new Browser(port)) {
            browser.signIn("op.nordkabel", "demo");
            browser.open("/reports/usage");
            browser.waitFor(By.cssSelector(".usage-view .scope-badge"));
            browser.waitUntilVaadinIsIdle();
            browser.waitUntil(CHARTS_LOADED);
            assertThat(browser.all(By.cssSelector(".operator-choice"))).isEmpty();
            browser.screenshot("usage-operator-staff.png");
        }
    }

    @Test
    void operator_staff_find_a_device_by_its_colon_notation_read_its_timeline_and_export_it_as_csv() {
        String device = jdbc.sql("""
                        select e.device_id from provisioning_event e join operator o on o.id = e.operator_id
                        where o.code = 'nordkabel' and e.device_id_kind = 'mac'
                        group by e.device_id order by count(*) desc, e.device_id limit 1""").query(String.class).single();
        String listedOnly = jdbc.sql("""
                        select a.device_id from authorized_device a join operator o on o.id = a.operator_id
                        where o.code = 'nordkabel'
                          and not exists (select 1 from provisioning_event e where e.device_id = a.device_id)
                        order by a.device_id limit 1""").query(String.class).single();
        try (var browser = new Browser(port)) {
            browser.signIn("op.nordkabel", "demo");
            browser.open("/reports/devices");
            var input = browser.waitFor(By.cssSelector(".device-id input"));
            input.sendKeys(String.join(":", device.toLowerCase().split("(?<=\\G..)")), Keys.ENTER);
            browser.waitFor(By.cssSelector("vaadin-grid.device-timeline"));
            browser.waitUntilVaadinIsIdle();
            browser.waitUntil("document.querySelector('vaadin-grid.device-timeline').size > 0");
            assertThat(browser.waitFor(By.cssSelector(".device-search h3")).getText()).isEqualTo(device);
            browser.screenshot("device-timeline.png");

            // The timeline as CSV, from the button beside its Excel export.
            browser.waitFor(By.cssSelector(".export-csv")).click();
            browser.waitUntil("document.querySelector('.export-download') !== null");
            browser.waitUntilVaadinIsIdle();
            assertThat(browser.waitFor(By.cssSelector(".export-download")).getText()).isEqualTo("Download device-" + device + ".csv");
            assertThat(browser.waitFor(By.cssSelector(".export-status")).getText()).endsWith("requests exported.");
            browser.screenshot("device-export-csv.png");
            browser.waitFor(By.cssSelector(".export-close")).click();
            browser.waitUntilVaadinIsIdle();

            input.sendKeys(Keys.chord(Keys.CONTROL, "a"), "12:34:zz:<>", Keys.ENTER);
            browser.waitUntilVaadinIsIdle();
            assertThat(browser.waitFor(By.cssSelector(".search-message.problem")).getText())
                    .contains("only letters, digits and the separators");
            browser.screenshot("device-invalid.png");

            input.sendKeys(Keys.chord(Keys.CONTROL, "a"), listedOnly, Keys.ENTER);
            browser.waitUntilVaadinIsIdle();
            assertThat(browser.waitFor(By.cssSelector(".search-message.not-found")).getText())
                    .contains("on the authorized list of nordkabel");
            browser.screenshot("device-not-found-listed.png");

            browser.waitFor(By.cssSelector(".search-mode vaadin-radio-button:nth-child(2)")).click();
            input.sendKeys(Keys.chord(Keys.CONTROL, "a"), device.substring(0, 7), Keys.ENTER);
            browser.waitFor(By.cssSelector("vaadin-grid.device-matches"));
            browser.waitUntilVaadinIsIdle();
            browser.screenshot("device-prefix.png");
        }
    }
}
