package com.devicecreds.portal.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.devicecreds.access.Roles;
import com.devicecreds.inventory.pool.DailyPoolPoint;
import com.devicecreds.inventory.pool.PoolHistoryService;
import com.devicecreds.portal.PortalTest;
import com.devicecreds.portal.database.SchemaOwner;
import com.devicecreds.portal.security.SignedIn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A pool with a known life: 12 credentials activated six days ago, 8 more two days ago, and
 * deliveries of 3, 4, 2 and 1 on days -5, -3, -1 and today. Forward, the closing counts are
 * 12, 9, 9, 5, 13, 11, 10; the service derives them backwards from today's 10.
 */
@PortalTest
class PoolHistoryServiceTest {

    @Autowired
    PoolHistoryService history;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    @SchemaOwner
    DataSource schemaOwner;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);
    private int typeId;
    private String operatorCode;

    @BeforeEach
    void aPoolWithAKnownLife() {
        operatorCode = "hist-" + run;
        short operator = jdbc.sql("insert into operator (code, name) values (?, ?) returning id")
                .params(operatorCode, "History " + run).query(Short.class).single();
        typeId = jdbc.sql("""
                        insert into credential_type (code, name, credential_kind, owner_operator_id, device_id_kind, binding_mode)
                        values (?, ?, 'widevine-keybox', ?, 'mac', 'next-available') returning id""")
                .params("hist-" + run, "History " + run, operator).query(Integer.class).single();
        batch("a", 12, today.minusDays(6));
        batch("b", 8, today.minusDays(2));
        var deliveries = Map.of(5, 3, 3, 4, 1, 2, 0, 1);
        int device = 0;
        List<Long> credentials = jdbc.sql("select id from credential where credential_type_id = ? order by id")
                .param(typeId).query(Long.class).list();
        for (var day : deliveries.entrySet()) {
            for (int i = 0; i < day.getValue(); i++) {
                deliver(operator, credentials.get(device), "00000000%04X".formatted(device++), day.getKey());
            }
        }
    }

    @Test
    void closing_counts_are_derived_backwards_from_today_through_deliveries_and_activations() {
        try (var pki = SignedIn.as(SignedIn.withRole(Roles.PKI_OPS))) {
            var pool = history.historyOf(typeId, 8).orElseThrow();

            assertThat(pool.days()).extracting(DailyPoolPoint::day)
                    .containsExactly(today.minusDays(7), today.minusDays(6), today.minusDays(5), today.minusDays(4),
                            today.minusDays(3), today.minusDays(2), today.minusDays(1), today);
            assertThat(pool.days()).extracting(DailyPoolPoint::availableAtEndOfDay)
                    .containsExactly(0L, 12L, 9L, 9L, 5L, 13L, 11L, 10L);
            assertThat(pool.days()).extracting(DailyPoolPoint::delivered)
                    .containsExactly(0L, 0L, 3L, 0L, 4L, 0L, 2L, 1L);
            assertThat(pool.days()).extracting(DailyPoolPoint::activated)
                    .containsExactly(0L, 12L, 0L, 0L, 0L, 8L, 0L, 0L);
            assertThat(pool.batches()).hasSize(2);
            assertThat(pool.pool().available()).isEqualTo(10);
        }
    }

    @Test
    void another_operators_staff_cannot_see_the_pool_at_all() {
        try (var staff = SignedIn.as(SignedIn.operatorStaff("nordkabel"))) {
            assertThat(history.historyOf(typeId, 8)).isEmpty();
        }
        try (var owner = SignedIn.as(SignedIn.operatorStaff(operatorCode))) {
            assertThat(history.historyOf(typeId, 8)).isPresent();
        }
    }

    @Test
    void a_period_outside_one_to_366_days_is_refused_with_a_clear_message() {
        try (var pki = SignedIn.as(SignedIn.withRole(Roles.PKI_OPS))) {
            assertThatThrownBy(() -> history.historyOf(typeId, 0)).hasMessageContaining("between 1 and 366");
            assertThatThrownBy(() -> history.historyOf(typeId, 367)).hasMessageContaining("between 1 and 366");
        }
    }

    private long batch(String ref, int count, LocalDate activated) {
        long id = jdbc.sql("""
                        insert into credential_batch (batch_ref, credential_type_id, record_count, producing_facility,
                                                      state, submitted_by, submitted_at, activated_at)
                        values (?, ?, ?, 'test-kgf', 'active', 'pki.anna', ?, ?) returning id""")
                .params("hist-" + run + "-" + ref, typeId, count, noon(activated), noon(activated))
                .query(Long.class).single();
        for (int i = 0; i < count; i++) {
            JdbcClient.create(schemaOwner).sql("""
                            insert into credential (credential_ref, credential_type_id, batch_id, payload, state)
                            values (?, ?, ?, '\\x00', 'available')""")
                    .params(ref + "-" + i, typeId, id).update();
        }
        return id;
    }

    private void deliver(short operator, long credential, String device, int daysAgo) {
        Instant at = daysAgo == 0 ? today.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(1)
                : noon(today.minusDays(daysAgo)).toInstant();
        jdbc.sql("update credential set state = 'bound', bound_device_id = ?, bound_at = ? where id = ?")
                .params(device, Timestamp.from(at), credential).update();
        jdbc.sql("""
                        insert into provisioning_event (occurred_at, operator_id, credential_type_id, device_id, device_id_kind,
                                                        server_node, outcome, credential_id)
                        values (?, ?, ?, ?, 'mac', 'test-node', 'delivered', ?)""")
                .params(Timestamp.from(at), operator, typeId, device, credential).update();
    }

    private static Timestamp noon(LocalDate day) {
        return Timestamp.from(day.atTime(12, 0).toInstant(ZoneOffset.UTC));
    }
}
