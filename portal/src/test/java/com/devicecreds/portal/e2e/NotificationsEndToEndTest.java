package com.devicecreds.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;

import com.devicecreds.access.OperatorRef;
import com.devicecreds.inventory.alert.AlertKind;
import com.devicecreds.inventory.alert.PoolAlertRaised;
import com.devicecreds.inventory.alert.PoolLevel;
import com.devicecreds.portal.PortalTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A pool alert of Nordkabel's arrives in the bell of PKI operations, and not in Sunwave's. */
@PortalTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class NotificationsEndToEndTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    PlatformTransactionManager transactions;

    @BeforeEach
    void aNordkabelPoolRunsLow() {
        var nordkabel = jdbc.sql("select id, code from operator where code = 'nordkabel'")
                .query((rs, n) -> new OperatorRef(rs.getShort(1), rs.getString(2))).single();
        var pool = jdbc.sql("select id, name from credential_type where owner_operator_id = ? order by id limit 1")
                .param(nordkabel.id()).query((rs, n) -> new Object[] {rs.getInt(1), rs.getString(2)}).single();
        long alertId = System.nanoTime();
        new TransactionTemplate(transactions).executeWithoutResult(status -> events.publishEvent(new PoolAlertRaised(
                alertId, (Integer) pool[0], (String) pool[1], Optional.of(nordkabel), AlertKind.LEVEL, PoolLevel.CRITICAL,
                840, "Below the critical threshold: load the next batch.", Instant.now())));
        // A message the mail server refused three times, as the sender leaves it, for the problems section.
        jdbc.sql("""
                update mail_outbox set attempts = 3, last_error = '421 Service not available (greylisted)', sent_at = null, sent_via = null,
                       next_attempt_at = now() + interval '2 minutes'
                where notification_id = (select id from notification where source_kind = 'pool-alert-raised' and source_id = ?)""")
                .param(Long.toString(alertId)).update();
    }

    @Test
    void pki_operations_see_the_alert_in_the_bell_and_on_the_notifications_page() {
        try (var browser = new Browser(port)) {
            browser.signIn("pki.anna", "demo");
            var badge = browser.waitFor(By.cssSelector("vaadin-button.notification-bell .bell-badge"));
            // The alert jobs keep publishing while the test runs: compare until the bell's poll has caught up.
            var shownAndCounted = settled(() -> badge.getText(), () -> jdbc.sql("""
                    select count(*) from notification n where 'PKI_OPS' = any(n.audience_roles)
                    and not exists (select 1 from notification_read r where r.notification_id = n.id and r.username = 'pki.anna')""")
                    .query(Long.class).single());
            assertThat(shownAndCounted[1]).isNotEqualTo("0");
            assertThat(shownAndCounted[0]).isEqualTo(shownAndCounted[1]);
            browser.screenshot("notifications-bell.png");

            browser.waitFor(By.cssSelector("vaadin-button.notification-bell")).click();
            browser.waitUntil("location.pathname === '/notifications'");
            browser.waitUntil("document.querySelector('vaadin-grid.notifications') !== null"
                    + " && document.querySelector('vaadin-grid.notifications').size > 0");
            browser.waitUntilVaadinIsIdle();
            String grid = String.valueOf(browser.script("""
                    return Array.from(document.querySelectorAll('vaadin-grid.notifications vaadin-grid-cell-content'))
                        .map(c => c.textContent).join('\\n')"""));
            assertThat(grid).contains("load the next batch");
            browser.waitUntil("document.querySelector('vaadin-grid.mail-outbox-problems').size > 0");
            browser.waitUntilVaadinIsIdle();
            browser.screenshot("notifications-page.png");
        }
    }

    @Test
    void operator_staff_of_another_operator_count_only_their_own_operators_notifications() {
        var sunwave = jdbc.sql("select id from operator where code = 'sunwave'").query(Short.class).single();
        try (var browser = new Browser(port)) {
            browser.signIn("op.sunwave", "demo");
            browser.waitFor(By.cssSelector("vaadin-button.notification-bell"));
            browser.waitUntilVaadinIsIdle();
            // The alert engine runs here too and may alert on Sunwave's own pools: the badge must count exactly those.
            var shownAndCounted = settled(() -> String.valueOf(browser.script("""
                    const b = document.querySelector('vaadin-button.notification-bell .bell-badge');
                    return b === null || b.hidden || getComputedStyle(b).display === 'none' ? '0' : b.textContent""")),
                    () -> jdbc.sql("""
                            select count(*) from notification n where 'OPERATOR_STAFF' = any(n.audience_roles) and n.operator_id = ?
                            and not exists (select 1 from notification_read r
                                            where r.notification_id = n.id and r.username = 'op.sunwave')""")
                            .param(sunwave).query(Long.class).single());
            assertThat(shownAndCounted[0]).isEqualTo(shownAndCounted[1]);
            long nordkabelAlerts = jdbc.sql("""
                    select count(*) from notification n join operator o on o.id = n.operator_id
                    where o.code = 'nordkabel' and n.source_kind = 'pool-alert-raised'""").query(Long.class).single();
            assertThat(nordkabelAlerts).as("the Nordkabel alert of the set-up exists, and is not counted above").isPositive();
        }
    }

    /**
     * What the bell shows and what it should show (the count, capped as the bell caps it), read again
     * until they agree or the bell had time for two polls: the alert jobs may publish in between.
     */
    private static String[] settled(java.util.function.Supplier<String> shown, java.util.function.LongSupplier count) {
        // The bell polls every 30 s.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(65);
        String[] pair;
        do {
            long unread = count.getAsLong();
            pair = new String[] {shown.get(), unread > 99 ? "99+" : Long.toString(unread)};
            if (pair[0].equals(pair[1])) {
                return pair;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return pair;
            }
        } while (System.nanoTime() < deadline);
        return pair;
    }
}
