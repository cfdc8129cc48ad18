package com.devicecreds.inventory.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;

import com.devicecreds.inventory.InventoryFixture;
import com.devicecreds.inventory.InventoryModuleTestApplication;
import com.devicecreds.inventory.InventoryModuleTestApplication.TestClock;
import com.devicecreds.testsupport.SignedIn;
import com.devicecreds.inventory.alert.AlertEngine;
import com.devicecreds.inventory.alert.PoolLevel;
import com.devicecreds.inventory.threshold.Thresholds;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(classes = InventoryModuleTestApplication.class)
class InventoryServiceTest {

    @Autowired
    InventoryService inventory;
    @Autowired
    AlertEngine engine;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestClock clock;

    @Test
    void a_pool_shows_its_consumption_runway_level_and_thresholds() {
        clock.advance(Duration.ofDays(1));
        var now = clock.instant();
        var pool = new InventoryFixture(jdbc);
        pool.load(1000, now.minus(Duration.ofDays(30)));
        pool.deliver(140, now.minus(Duration.ofDays(3)));
        pool.deliver(70, now.minus(Duration.ofHours(1)));
        pool.deliver(500, now.minus(Duration.ofDays(9)));
        engine.evaluateAll();

        try (var staff = SignedIn.operatorStaff(pool.operatorCode)) {
            var summary = inventory.pools().stream().filter(p -> p.credentialTypeId() == pool.typeId)
                    .findFirst().orElseThrow();
            assertThat(summary.available()).isEqualTo(290);
            assertThat(summary.loaded()).isEqualTo(1000);
            assertThat(summary.deliveredLast24Hours()).isEqualTo(70);
            assertThat(summary.averagePerDay()).isEqualTo(30.0);
            assertThat(summary.runwayDays().getAsDouble()).isCloseTo(9.67, within(0.01));
            assertThat(summary.level()).as("9.7 days is below 14, but still pending").isEqualTo(PoolLevel.OK);
            assertThat(summary.thresholds()).isEqualTo(Thresholds.DEFAULTS);
        }
    }
}
