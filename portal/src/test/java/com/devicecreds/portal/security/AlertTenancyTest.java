package com.devicecreds.portal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;

import javax.sql.DataSource;

import com.devicecreds.access.Roles;
import com.devicecreds.inventory.alert.AlertService;
import com.devicecreds.inventory.alert.InventoryAlert;
import com.devicecreds.portal.PortalTest;
import com.devicecreds.portal.database.SchemaOwner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/**
 * Inventory alerts between two tenants ({@link TwoTenants}): operator staff see the alerts of their own
 * and their authorized shared pools and change none; PKI operations see and snooze both tenants'. Each
 * public method of {@link AlertService} is tried here ({@link #COVERED}, checked by TenantIsolationTest).
 */
@PortalTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertTenancyTest {

    static final Set<String> COVERED = Set.of(
            "AlertService.openAlerts()",
            "AlertService.alertsOf(int)",
            "AlertService.acknowledge(long)",
            "AlertService.snooze(long, Duration)",
            "AlertService.snoozeUntilNextBatch(long)");

    @Autowired
    AlertService alerts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    @SchemaOwner
    DataSource schemaOwner;

    private TwoTenants w;

    @BeforeAll
    void twoTenants() {
        w = new TwoTenants(jdbc, JdbcClient.create(schemaOwner));
    }

    @Test
    void operator_staff_see_the_alerts_of_their_own_and_their_authorized_shared_pools_only() {
        try (var staffOfA = SignedIn.as(SignedIn.operatorStaff(w.a.code()))) {
            // The scheduled alert engine may add alerts of these pools meanwhile: compare sets, not lists.
            assertThat(alerts.openAlerts()).extracting(InventoryAlert::credentialTypeId)
                    .containsOnly(w.typeOfA.id(), w.sharedForA.id()).contains(w.typeOfA.id(), w.sharedForA.id());
            assertThat(alerts.alertsOf(w.typeOfA.id())).extracting(InventoryAlert::id).contains(w.alertOfA);
            assertThat(alerts.alertsOf(w.typeOfA.id())).extracting(InventoryAlert::credentialTypeId).containsOnly(w.typeOfA.id());
            assertThat(alerts.alertsOf(w.typeOfB.id())).isEmpty();
            assertThat(alerts.alertsOf(w.sharedForB.id())).isEmpty();
        }
    }

    @Test
    void operator_staff_can_neither_acknowledge_nor_snooze_any_alert() {
        try (var staffOfA = SignedIn.as(SignedIn.operatorStaff(w.a.code()))) {
            for (long id : new long[] {w.alertOfA, w.alertOfB}) {
                assertThatThrownBy(() -> alerts.acknowledge(id)).isInstanceOf(AccessDeniedException.class);
                assertThatThrownBy(() -> alerts.snooze(id, Duration.ofHours(1))).isInstanceOf(AccessDeniedException.class);
                assertThatThrownBy(() -> alerts.snoozeUntilNextBatch(id)).isInstanceOf(AccessDeniedException.class);
            }
        }
        assertThat(jdbc.sql("select count(*) from inventory_alert where id = ? and (acknowledged_at is not null "
                + "or snoozed_until is not null or snoozed_until_next_batch)").param(w.alertOfA)
                .query(Long.class).single()).isZero();
    }

    @Test
    void pki_operations_see_and_snooze_the_alerts_of_both_tenants() {
        try (var pkiOps = SignedIn.as(SignedIn.withRole(Roles.PKI_OPS))) {
            assertThat(alerts.openAlerts()).extracting(InventoryAlert::id).contains(w.alertOfA, w.alertOfB);
            assertThat(alerts.snooze(w.alertOfB, Duration.ofHours(2))).get()
                    .extracting(alert -> alert.snoozedUntil().isPresent()).isEqualTo(true);
        }
    }
}
