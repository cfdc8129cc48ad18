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
class InventoryEndToEndTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void pki_operations_open_a_pool_from_the_inventory_and_see_its_chart_and_batches() throws Exception {
        var pool = jdbc.sql("""
                        select t.id, t.name, (select count(*) from credential_batch b where b.credential_type_id = t.id) as batches
                        from credential_type t where t.binding_mode <> 'issued-online' order by t.name limit 1""")
                .query((rs, n) -> new Object[] {rs.getInt("id"), rs.getString("name"), rs.getLong("batches")}).single();
        try (var browser = new Browser(port)) {
            browser.signIn("pki.anna", "demo");
            browser.open("/inventory");
            browser.waitFor(By.cssSelector(".inventory vaadin-grid"));
            browser.waitUntilVaadinIsIdle();
            browser.screenshot("inventory.png");

            browser.open("/inventory/" + pool[0]);
            browser.waitFor(By.cssSelector(".pool-detail .chart-image"));
            browser.waitUntilVaadinIsIdle();
            browser.waitUntil("document.querySelector('.chart-image').complete"
                    + " && document.querySelector('.chart-image').naturalWidth > 0");
            assertThat(browser.waitFor(By.cssSelector(".pool-header h2")).getText()).isEqualTo(pool[1]);
            // A vector drawing of the size shown, crisp on any screen.
            assertThat(browser.script("return document.querySelector('.chart-image').naturalWidth")).isEqualTo(1000L);
            assertThat(browser.script("return document.querySelector('.batches-grid').size")).isEqualTo(pool[2]);
            browser.screenshot("pool-detail.png");
            String chart = (String) browser.script("return document.querySelector('.chart-image').src");
            assertThat(chart).matches("http://localhost:" + port + "/charts/[0-9a-f]{32}\\.svg");
            // Fetched by the signed-in browser: an SVG that the browser keeps for good, since its address names its content.
            assertThat(browser.script("""
                    return fetch(arguments[0]).then(r => r.status + ' ' + r.headers.get('content-type') + ' '
                        + r.headers.get('cache-control') + ' ' + r.headers.get('content-encoding'))""", chart))
                    .isEqualTo("200 image/svg+xml max-age=31536000, private, immutable gzip");
            // Without the session it is not served.
            var stranger = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(chart)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(stranger.statusCode()).isNotEqualTo(200);
            assertThat(stranger.body()).doesNotContain("<svg");

            // Thresholds: a critical level above the warning level is explained, and nothing typed is lost.
            browser.waitFor(By.cssSelector(".edit-thresholds")).click();
            var warning = browser.waitFor(By.cssSelector("#warning-percent input"));
            var critical = browser.waitFor(By.cssSelector("#critical-percent input"));
            warning.sendKeys(Keys.chord(Keys.CONTROL, "a"), "20");
            critical.sendKeys(Keys.chord(Keys.CONTROL, "a"), "25");
            browser.waitFor(By.xpath("//vaadin-button[contains(., 'Save thresholds')]")).click();
            browser.waitUntilVaadinIsIdle();
            assertThat(browser.waitFor(By.cssSelector(".form-problems")).getText())
                    .contains("critical percent (25) must be below the warning percent (20)");
            assertThat(critical.getDomProperty("value")).isEqualTo("25");
            browser.screenshot("thresholds-invalid.png");

            critical.sendKeys(Keys.chord(Keys.CONTROL, "a"), "5");
            browser.waitFor(By.xpath("//vaadin-button[contains(., 'Save thresholds')]")).click();
            browser.waitUntil("document.querySelector('vaadin-dialog-overlay[opened]') === null");
            browser.waitUntilVaadinIsIdle();
            assertThat(browser.waitFor(By.cssSelector(".thresholds-text")).getText())
                    .contains("Warning at 20 % of loaded").contains("Critical at 5 % of loaded");
        }
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'POOL_THRESHOLDS_CHANGED' and outcome = 'success' "
                + "and actor = 'pki.anna' and target = ?").param("credential-type:" + pool[0]).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void operator_staff_get_not_found_for_another_operators_pool() {
        int foreign = jdbc.sql("""
                        select t.id from credential_type t join operator o on o.id = t.owner_operator_id
                        where o.code <> 'nordkabel' and t.binding_mode <> 'issued-online' order by t.id limit 1""")
                .query(Integer.class).single();
        int own = jdbc.sql("""
                        select t.id from credential_type t join operator o on o.id = t.owner_operator_id
                        where o.code = 'nordkabel' and t.binding_mode <> 'issued-online' order by t.id limit 1""")
                .query(Integer.class).single();
        try (var browser = new Browser(port)) {
            browser.signIn("op.nordkabel", "demo");
            browser.open("/inventory/" + own);
            browser.waitFor(By.cssSelector(".pool-detail .chart-image"));

            browser.open("/inventory/" + foreign);
            browser.waitUntilVaadinIsIdle();
            assertThat(browser.all(By.cssSelector(".pool-detail"))).isEmpty();
            assertThat((String) browser.script("return document.body.innerText")).containsIgnoringCase("No such key pool");
        }
    }
}
