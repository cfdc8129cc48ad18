package com.devicecreds.inventory.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.devicecreds.inventory.InventoryFixture;
import com.devicecreds.inventory.InventoryModuleTestApplication;
import com.devicecreds.inventory.InventoryModuleTestApplication.PublishedEvents;
import com.devicecreds.inventory.InventoryModuleTestApplication.TestClock;
import com.devicecreds.testsupport.SignedIn;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.testsupport.RecordsAudit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The alert engine on the real embedded PostgreSQL with a fixed clock and the default thresholds
 * (warning at 10 % of loaded or 14 days, critical at 3 % or 3 days, lead time 10 days, 2 minutes pending).
 */
@SpringBootTest(classes = InventoryModuleTestApplication.class)
class AlertEngineTest {

    @Autowired
    AlertEngine engine;
    @Autowired
    AlertService alerts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestClock clock;
    @Autowired
    PublishedEvents events;

    private InventoryFixture pool;
    private Instant t0;

    @BeforeEach
    void freshPool() {
        clock.advance(Duration.ofDays(1));
        t0 = clock.instant();
        pool = new InventoryFixture(jdbc);
    }

    @Test
    void a_drained_pool_raises_exactly_one_warning_after_the_pending_period_however_often_the_engine_runs() {
        pool.load(1000, t0.minus(Duration.ofDays(30)));
        pool.deliver(920, t0.minus(Duration.ofDays(8)));

        engine.evaluateAll();
        engine.evaluateAll();
        assertThat(alertRows()).as("pending, not yet alerted").isEmpty();

        clock.advance(Duration.ofMinutes(2));
        engine.evaluateAll();
        engine.evaluateAll();
        clock.advance(Duration.ofMinutes(1));
        engine.evaluateAll();

        assertThat(alertRows()).containsExactly("LEVEL OK->WARNING available 80 open");
        assertThat(raised()).extracting(PoolAlertRaised::kind, PoolAlertRaised::level, PoolAlertRaised::available)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertKind.LEVEL, PoolLevel.WARNING, 80L));
        assertThat(raised().getFirst().summary()).contains("warning", "80 available");
    }

    @Test
    @RecordsAudit(AuditAction.ALERT_SNOOZED)
    void snoozed_until_the_next_batch_the_alert_wakes_and_resolves_when_a_batch_is_activated() {
        pool.load(1000, t0.minus(Duration.ofDays(30)));
        pool.deliver(920, t0.minus(Duration.ofDays(8)));
        engine.evaluateAll();
        clock.advance(Duration.ofMinutes(2));
        engine.evaluateAll();
        long alertId = alerts().getFirst().id();

        try (var pkiOps = SignedIn.pkiOps()) {
            assertThat(alerts.snoozeUntilNextBatch(alertId)).get().extracting(InventoryAlert::snoozedUntilNextBatch)
                    .isEqualTo(true);
        }
        clock.advance(Duration.ofMinutes(1));
        engine.evaluateAll();
        assertThat(alerts().getFirst().snoozedUntilNextBatch()).as("no batch yet").isTrue();
        assertThat(raised()).as("no repeat while snoozed").hasSize(1);

        pool.load(1000, clock.instant());
        clock.advance(Duration.ofMinutes(1));
        engine.evaluateAll();

        var alert = alerts().getFirst();
        assertThat(alert.snoozedUntilNextBatch()).isFalse();
        assertThat(alert.resolvedAt()).contains(clock.instant());
        assertThat(resolved()).extracting(PoolAlertResolved::alertId).containsExactly(alertId);
        assertThat(auditRows("ALERT_SNOOZED", alertId)).containsExactly("pki.anna success");
    }

    @Test
    void an_emptied_pool_alerts_empty_at_once_and_once() {
        pool.load(100, t0.minus(Duration.ofDays(30)));
        pool.deliver(100, t0.minus(Duration.ofHours(1)));

        engine.evaluateAll();
        engine.evaluateAll();

        assertThat(alertRows()).containsExactly("LEVEL OK->EMPTY available 0 open");
        assertThat(raised()).extracting(PoolAlertRaised::level).containsExactly(PoolLevel.EMPTY);
    }

    @Test
    void runway_below_the_lead_time_raises_one_runway_alert_at_once() {
        pool.load(1000, t0.minus(Duration.ofDays(30)));
        pool.deliver(500, t0.minus(Duration.ofDays(1)));

        engine.evaluateAll();
        clock.advance(Duration.ofMinutes(1));
        engine.evaluateAll();

        assertThat(alertRows()).as("7 days of runway: RUNWAY at once, WARNING still pending")
                .containsExactly("RUNWAY OK->OK available 500 open");
        assertThat(raised()).extracting(PoolAlertRaised::kind).containsExactly(AlertKind.RUNWAY);
    }

    @Test
    void a_pool_from_another_operator_shows_none_of_its_alerts_to_operator_staff() {
        pool.load(10, t0.minus(Duration.ofDays(30)));
        pool.deliver(10, t0.minus(Duration.ofHours(1)));
        engine.evaluateAll();
        var other = new InventoryFixture(jdbc);

        try (var staff = SignedIn.operatorStaff(other.operatorCode)) {
            assertThat(alerts.alertsOf(pool.typeId)).isEmpty();
            assertThat(alerts.openAlerts()).extracting(InventoryAlert::credentialTypeId).doesNotContain(pool.typeId);
        }
        try (var staff = SignedIn.operatorStaff(pool.operatorCode)) {
            assertThat(alerts.alertsOf(pool.typeId)).hasSize(1);
            assertThat(alerts.openAlerts()).extracting(InventoryAlert::credentialTypeId).containsOnly(pool.typeId);
        }
    }

    @Test
    @RecordsAudit(AuditAction.ALERT_ACKNOWLEDGED)
    void acknowledging_records_who_and_when_and_is_audited() {
        pool.load(10, t0.minus(Duration.ofDays(30)));
        pool.deliver(10, t0.minus(Duration.ofHours(1)));
        engine.evaluateAll();
        long alertId = alerts().getFirst().id();

        try (var pkiOps = SignedIn.pkiOps()) {
            var acknowledged = alerts.acknowledge(alertId).orElseThrow();
            assertThat(acknowledged.acknowledgedBy()).contains("pki.anna");
            assertThat(acknowledged.acknowledgedAt()).contains(clock.instant());
            assertThat(alerts.acknowledge(alertId)).as("only once").isEmpty();
        }
        assertThat(auditRows("ALERT_ACKNOWLEDGED", alertId)).as("one per attempt: done, then refused")
                .containsExactly("pki.anna success", "pki.anna failed");
    }

    private List<InventoryAlert> alerts() {
        return jdbc.sql(AlertStore.SELECT_ALERT + " where a.credential_type_id = ? order by a.id").param(pool.typeId)
                .query(AlertStore::alert).list();
    }

    private List<String> alertRows() {
        return alerts().stream().map(a -> a.kind() + " " + a.fromLevel() + "->" + a.toLevel() + " available "
                + a.availableAtRaise() + (a.isOpen() ? " open" : " resolved")).toList();
    }

    private List<PoolAlertRaised> raised() {
        return events.of(PoolAlertRaised.class).stream().filter(e -> e.credentialTypeId() == pool.typeId).toList();
    }

    private List<PoolAlertResolved> resolved() {
        return events.of(PoolAlertResolved.class).stream().filter(e -> e.credentialTypeId() == pool.typeId).toList();
    }

    private List<String> auditRows(String action, long alertId) {
        return jdbc.sql("select actor || ' ' || outcome from audit_event where action = ? and target = ? order by seq")
                .params(action, "inventory-alert:" + alertId).query(String.class).list();
    }
}
