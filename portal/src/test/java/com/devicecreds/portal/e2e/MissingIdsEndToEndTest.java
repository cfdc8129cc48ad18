package com.devicecreds.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import com.devicecreds.portal.PortalTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PKI operations read an operator's missing device IDs, export them for the operator, import the
 * operator's answer (the next list part), see the convergence chart move, and a part with bad rows
 * refused; operator staff see their own list without the import.
 */
@PortalTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class MissingIdsEndToEndTest {

    private static final String CHART_LOADED = "(() => { const i = document.querySelector('.convergence-chart');"
            + " return i !== null && i.complete && i.naturalWidth > 0; })()";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void pki_operations_export_the_missing_ids_import_the_next_part_and_see_the_list_converge() throws Exception {
        jdbc.sql("select missing_ids_compact()").query((rs, n) -> 1).list();
        int type = jdbc.sql("select id from credential_type where code = 'nordkabel-widevine-keybox'").query(Integer.class).single();
        var open = jdbc.sql("""
                        select m.device_id from missing_device_id m join operator o on o.id = m.operator_id
                        where o.code = 'nordkabel' and m.credential_type_id = ? and m.status <> 'resolved'
                        order by m.last_seen desc limit 40""").param(type).query(String.class).list();
        assertThat(open).as("the demo world has missing IDs of Nordkabel's keyboxes").hasSizeGreaterThan(10);

        try (var browser = new Browser(port)) {
            browser.signIn("pki.anna", "demo");
            browser.open("/reports/missing-ids?operator=nordkabel&type=" + type);
            browser.waitFor(By.cssSelector(".missing-ids-view .missing-grid"));
            browser.waitUntilVaadinIsIdle();
            browser.waitUntil("document.querySelector('vaadin-grid.missing-grid').size > 0");
            browser.screenshot("missing-ids-list.png");

            browser.waitFor(By.cssSelector(".export-button")).click();
            browser.waitUntil("document.querySelector('.export-download') !== null");
            browser.waitUntilVaadinIsIdle();
            assertThat(browser.waitFor(By.cssSelector(".export-status")).getText()).contains("missing IDs exported for nordkabel");
            browser.screenshot("missing-ids-export.png");
            browser.waitFor(By.cssSelector(".export-close")).click();
            browser.waitUntilVaadinIsIdle();

            // The operator answers with half of the IDs (in colon notation) and a header: they become resolved.
            var part = Files.createTempFile("part-", ".csv");
            var lines = new StringBuilder("Device ID\n");
            open.subList(0, open.size() / 2).forEach(id -> lines.append(String.join(":", id.split("(?<=\\G..)"))).append('\n'));
            Files.writeString(part, lines);
            upload(browser, part, ".report-accepted");
            assertThat(browser.waitFor(By.cssSelector(".import-result")).getText())
                    .contains("missing IDs resolved").contains("Imported as part");
            browser.script("document.querySelector('.import-card').scrollIntoView()");
            browser.screenshot("missing-ids-import.png");

            browser.script("document.querySelector('.missing-convergence').scrollIntoView()");
            browser.waitUntil(CHART_LOADED);
            browser.screenshot("missing-ids-convergence.png");

            var bad = Files.createTempFile("bad-part-", ".csv");
            Files.writeString(bad, open.getFirst() + "\nnot-a-mac\n=HYPERLINK(\"x\")\n");
            upload(browser, bad, ".report-refused");
            assertThat(browser.waitFor(By.cssSelector(".import-result")).getText()).contains("2 of 3 rows");
            browser.script("document.querySelector('.import-card').scrollIntoView()");
            browser.screenshot("missing-ids-import-refused.png");
        }
    }

    @Test
    void operator_staff_see_their_own_missing_ids_without_the_import() {
        try (var browser = new Browser(port)) {
            browser.signIn("op.nordkabel", "demo");
            browser.open("/reports/missing-ids");
            browser.waitFor(By.cssSelector(".missing-ids-view .scope-badge"));
            browser.waitUntilVaadinIsIdle();
            assertThat(browser.all(By.cssSelector(".import-card"))).isEmpty();
            assertThat(browser.all(By.cssSelector(".operator-choice"))).isEmpty();
            browser.screenshot("missing-ids-operator-staff.png");
        }
    }

    private static void upload(Browser browser, Path file, String result) {
        var input = (WebElement) browser.script(
                "return document.querySelector('vaadin-upload').shadowRoot.querySelector('input[type=file]')"
                        + " || document.querySelector('vaadin-upload input[type=file]')");
        input.sendKeys(file.toAbsolutePath().toString());
        browser.waitUntil("document.querySelector('.import-result" + result + "') !== null");
        browser.waitUntilVaadinIsIdle();
    }
}
