package com.devicecreds.inventory.threshold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import com.devicecreds.audit.AuditAction;
import com.devicecreds.inventory.InventoryFixture;
import com.devicecreds.inventory.InventoryModuleTestApplication;
import com.devicecreds.testsupport.RecordsAudit;
import com.devicecreds.testsupport.SignedIn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

@SpringBootTest(classes = InventoryModuleTestApplication.class)
class ThresholdServiceTest {

    private static final Thresholds TIGHT = new Thresholds(Limit.of(500, null, 20), Limit.of(100, null, 5), 15, 20,
            Duration.ofMinutes(10));

    @Autowired
    ThresholdService thresholds;
    @Autowired
    JdbcClient jdbc;

    @Test
    void a_pool_without_its_own_thresholds_uses_the_defaults() {
        var pool = new InventoryFixture(jdbc);
        assertThat(thresholds.thresholdsOf(pool.typeId)).isEqualTo(Thresholds.DEFAULTS);
    }

    @Test
    @RecordsAudit(AuditAction.POOL_THRESHOLDS_CHANGED)
    void pki_operations_change_a_pools_thresholds_audited_once_with_old_and_new_values() {
        var pool = new InventoryFixture(jdbc);
        try (var pkiOps = SignedIn.pkiOps()) {
            thresholds.update(pool.typeId, TIGHT);
        }
        assertThat(thresholds.thresholdsOf(pool.typeId)).isEqualTo(TIGHT);
        var audit = audits(pool.typeId);
        assertThat(audit).hasSize(1);
        assertThat(audit.getFirst()).contains("pki.anna", "success", Thresholds.DEFAULTS.describe(), TIGHT.describe());
        assertThat(jdbc.sql("select updated_by from pool_threshold where credential_type_id = ?").param(pool.typeId)
                .query(String.class).single()).isEqualTo("pki.anna");
    }

    @Test
    void inconsistent_thresholds_are_refused_with_their_problems_and_change_nothing() {
        var pool = new InventoryFixture(jdbc);
        var inverted = new Thresholds(Limit.of(100, null, null), Limit.of(500, null, null), 10, 10, Duration.ZERO);
        try (var pkiOps = SignedIn.pkiOps()) {
            assertThatThrownBy(() -> thresholds.update(pool.typeId, inverted))
                    .isInstanceOf(InvalidThresholdsException.class)
                    .hasMessage("The critical count (500) must be below the warning count (100)");
        }
        assertThat(thresholds.thresholdsOf(pool.typeId)).isEqualTo(Thresholds.DEFAULTS);
        assertThat(audits(pool.typeId)).singleElement().asString().contains("failed");
    }

    @Test
    void operator_staff_cannot_change_thresholds() {
        var pool = new InventoryFixture(jdbc);
        try (var staff = SignedIn.operatorStaff(pool.operatorCode)) {
            assertThatThrownBy(() -> thresholds.update(pool.typeId, TIGHT)).isInstanceOf(AccessDeniedException.class);
        }
        assertThat(thresholds.thresholdsOf(pool.typeId)).isEqualTo(Thresholds.DEFAULTS);
    }

    private List<String> audits(int typeId) {
        return jdbc.sql("select actor || ' ' || outcome || ' ' || details::text from audit_event "
                        + "where action = 'POOL_THRESHOLDS_CHANGED' and target = ?")
                .param("credential-type:" + typeId).query(String.class).list();
    }
}
