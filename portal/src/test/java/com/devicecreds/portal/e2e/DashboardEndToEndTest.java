package com.devicecreds.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.devicecreds.portal.PortalTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The dashboard in a real Chromium, checked against the database it shows. */
@PortalTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class DashboardEndToEndTest {

    private static final List<String> OUTCOMES = List.of("requests", "delivered", "redelivered", "rejected");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void pki_operations_see_the_last_24_hours_of_all_operators_and_every_pool() {
        try (var browser = new Browser(port)) {
            Instant before = Instant.now();
            browser.signIn("pki.anna", "demo");
            Map<String, Long> shown = tiles(browser);
            Instant after = Instant.now();
            assertThat(browser.waitFor(By.cssSelector(".scope-badge")).getText()).isEqualTo("All operators");
            long pools = gridSize(browser);
            browser.screenshot("dashboard-pki.png");

            assertWithin(shown, counts(after, null), counts(before, null));
            assertThat(shown.get("requests")).isPositive();
            assertThat(pools).isEqualTo(jdbc.sql("select count(*) from credential_type where binding_mode <> 'issued-online'")
                    .query(Long.class).single());
        }
    }

    @Test
    void operator_staff_see_only_their_own_operators_numbers_and_pools() {
        short nordkabel = jdbc.sql("select id from operator where code = 'nordkabel'").query(Short.class).single();
        try (var browser = new Browser(port)) {
            Instant before = Instant.now();
            browser.signIn("op.nordkabel", "demo");
            Map<String, Long> shown = tiles(browser);
            Instant after = Instant.now();
            long pools = gridSize(browser);
            String grid = gridText(browser);
            browser.screenshot("dashboard-operator.png");

            assertWithin(shown, counts(after, nordkabel), counts(before, nordkabel));
            assertThat(shown.get("requests")).isPositive().isLessThan(counts(before, null).get("requests"));
            List<String> visible = jdbc.sql("""
                            select t.name from credential_type t
                            where t.binding_mode <> 'issued-online'
                              and (t.owner_operator_id = :op or (t.owner_operator_id is null and exists (
                                   select 1 from type_authorization a where a.credential_type_id = t.id and a.operator_id = :op)))""")
                    .param("op", nordkabel).query(String.class).list();
            assertThat(pools).isEqualTo(visible.size());
            assertThat(grid).contains(visible).contains("Nordkabel AG");
            assertThat(jdbc.sql("select name from operator where code <> 'nordkabel'").query(String.class).list())
                    .isNotEmpty().allSatisfy(other -> assertThat(grid).doesNotContain(other));
        }
    }

    @Test
    void the_theme_switch_turns_the_page_dark() {
        try (var browser = new Browser(port)) {
            browser.signIn("pki.anna", "demo");
            tiles(browser);
            gridSize(browser);
            assertThat(browser.script("return document.documentElement.getAttribute('theme')")).isNotEqualTo("dark");

            browser.waitFor(By.cssSelector("vaadin-button.theme-switch")).click();

            browser.waitUntil("document.documentElement.getAttribute('theme') === 'dark'");
            browser.screenshot("dashboard-dark.png");
        }
    }

    private static Map<String, Long> tiles(Browser browser) {
        browser.waitFor(By.cssSelector(".tile[data-outcome='rejected'] .tile-value"));
        Map<String, Long> shown = new LinkedHashMap<>();
        for (WebElement tile : browser.all(By.cssSelector(".tile[data-outcome]"))) {
            String value = tile.findElement(By.cssSelector(".tile-value")).getText().replace(",", "");
            shown.put(tile.getAttribute("data-outcome"), Long.parseLong(value));
        }
        assertThat(shown).containsOnlyKeys(OUTCOMES);
        return shown;
    }

    private static long gridSize(Browser browser) {
        var grid = browser.waitFor(By.cssSelector("vaadin-grid.pools"));
        browser.waitUntil("document.querySelector('vaadin-grid.pools').size > 0"
                + " && document.querySelectorAll('vaadin-grid.pools vaadin-grid-cell-content').length > 7");
        return ((Number) browser.script("return arguments[0].size", grid)).longValue();
    }

    private static String gridText(Browser browser) {
        var texts = browser.script("""
                return Array.from(document.querySelectorAll('vaadin-grid.pools vaadin-grid-cell-content'))
                    .map(c => c.textContent).join('\\n')""");
        return String.valueOf(texts);
    }

    /**
     * History does not grow in tests (no simulator), so the count of the last 24 hours only falls
     * as time passes: what the page showed lies between the counts at the end and at the start.
     */
    private static void assertWithin(Map<String, Long> shown, Map<String, Long> atEnd, Map<String, Long> atStart) {
        for (String outcome : OUTCOMES) {
            assertThat(shown.get(outcome)).as(outcome).isBetween(atEnd.get(outcome), atStart.get(outcome));
        }
    }

    private Map<String, Long> counts(Instant now, Short operator) {
        return jdbc.sql("""
                        select count(*) as requests,
                               count(*) filter (where outcome = 'delivered') as delivered,
                               count(*) filter (where outcome = 're-delivered') as redelivered,
                               count(*) filter (where outcome = 'rejected') as rejected
                        from provisioning_event
                        where occurred_at >= :since and (cast(:op as smallint) is null or operator_id = :op)""")
                .param("since", Timestamp.from(now.minus(Duration.ofHours(24)))).param("op", operator)
                .query((rs, n) -> Map.of("requests", rs.getLong(1), "delivered", rs.getLong(2),
                        "redelivered", rs.getLong(3), "rejected", rs.getLong(4)))
                .single();
    }
}
