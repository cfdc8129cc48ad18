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

/**
 * Operator staff manage their operator's contacts (a mistyped address keeps the form), create a
 * weekly usage report for two of them (refused without recipients) and run it now: the run shows in
 * the delivery history.
 */
@PortalTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ScheduledReportsEndToEndTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void operator_staff_add_a_contact_create_a_schedule_and_run_it_now() {
        String email = "reports-" + System.nanoTime() + "@sunwave.demo.invalid";
        try (var browser = new Browser(port)) {
            browser.signIn("op.sunwave", "demo");
            browser.open("/reports/schedules");
            browser.waitFor(By.cssSelector(".schedules-view .contacts-card vaadin-grid.contacts"));
            browser.waitUntilVaadinIsIdle();
            assertThat(browser.all(By.cssSelector(".schedules-view .operator-choice"))).isEmpty();
            browser.screenshot("schedules-page.png");

            // A mistyped address: a message, and both fields keep what was typed.
            var name = browser.waitFor(By.cssSelector("vaadin-text-field.contact-name input"));
            name.sendKeys("Report Desk");
            var address = browser.waitFor(By.cssSelector("vaadin-text-field.contact-email input"));
            address.sendKeys("reports at sunwave");
            browser.waitFor(By.cssSelector("vaadin-button.add-contact")).click();
            browser.waitUntilVaadinIsIdle();
            assertThat(browser.waitFor(By.cssSelector(".contact-problem")).getText()).contains("is not an e-mail address");
            assertThat(name.getDomProperty("value")).isEqualTo("Report Desk");
            assertThat(address.getDomProperty("value")).isEqualTo("reports at sunwave");
            browser.screenshot("schedules-contact-invalid.png");

            address.sendKeys(Keys.chord(Keys.CONTROL, "a"), email);
            browser.waitFor(By.cssSelector("vaadin-button.add-contact")).click();
            browser.waitUntilVaadinIsIdle();
            browser.waitUntil("[...document.querySelectorAll('vaadin-grid.contacts vaadin-grid-cell-content')]"
                    + ".some(c => c.textContent === '" + email + "')");

            // A schedule without recipients is refused in the dialog; with two it is saved.
            browser.waitFor(By.cssSelector("vaadin-button.new-schedule")).click();
            browser.waitFor(By.cssSelector("vaadin-checkbox-group.schedule-recipients"));
            browser.waitUntilVaadinIsIdle();
            browser.waitFor(By.cssSelector("vaadin-button.save-schedule")).click();
            browser.waitUntilVaadinIsIdle();
            assertThat(browser.waitFor(By.cssSelector(".schedule-problem")).getText()).startsWith("Choose at least one recipient");
            browser.screenshot("schedules-dialog-refused.png");
            var boxes = browser.all(By.cssSelector("vaadin-checkbox-group.schedule-recipients vaadin-checkbox"));
            assertThat(boxes).hasSizeGreaterThanOrEqualTo(2);
            boxes.get(0).click();
            boxes.get(1).click();
            browser.waitUntilVaadinIsIdle();
            browser.waitFor(By.cssSelector("vaadin-button.save-schedule")).click();
            browser.waitUntilVaadinIsIdle();
            browser.waitUntil("document.querySelector('vaadin-button.run-now') !== null");
            browser.screenshot("schedules-created.png");

            browser.waitFor(By.cssSelector("vaadin-button.run-now")).click();
            browser.waitUntilVaadinIsIdle();
            browser.waitUntil("document.querySelector('vaadin-grid.delivery-history') !== null"
                    + " && document.querySelector('vaadin-grid.delivery-history').size > 0");
            browser.waitUntil("[...document.querySelectorAll('vaadin-grid.delivery-history vaadin-grid-cell-content')]"
                    + ".some(c => c.textContent === 'Sent')");
            browser.screenshot("schedules-run-now.png");
        }
        assertThat(jdbc.sql("""
                        select count(*) from report_delivery d join report_schedule s on s.id = d.schedule_id
                        join operator o on o.id = s.operator_id
                        where o.code = 'sunwave' and d.trigger = 'run-now' and d.outcome = 'sent' and d.requested_by = 'op.sunwave'""")
                .query(Long.class).single()).isPositive();
    }

    @Test
    void pki_operations_choose_the_operator_whose_schedules_they_manage() {
        try (var browser = new Browser(port)) {
            browser.signIn("pki.anna", "demo");
            browser.open("/reports/schedules");
            browser.waitFor(By.cssSelector(".schedules-view .operator-choice"));
            browser.waitFor(By.cssSelector(".schedules-view .contacts-card vaadin-grid.contacts"));
            browser.waitUntilVaadinIsIdle();
            browser.waitUntil("document.querySelector('vaadin-grid.contacts').size > 0");
            browser.screenshot("schedules-pki-operations.png");
        }
    }
}
