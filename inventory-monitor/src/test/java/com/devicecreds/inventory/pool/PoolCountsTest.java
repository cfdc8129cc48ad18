package com.devicecreds.inventory.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import com.devicecreds.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The counters the triggers keep always equal a real count, through every kind of change and concurrency. */
class PoolCountsTest {

    private static DataSource dataSource;
    private static JdbcClient jdbc;
    private static PoolCounts counts;
    private static TransactionTemplate tx;

    private int type;
    private long batch;

    @BeforeAll
    static void migratedDatabase() {
        dataSource = TestPostgres.server().getPostgresDatabase();
        TestPostgres.migrate(dataSource);
        jdbc = JdbcClient.create(dataSource);
        counts = new PoolCounts(jdbc);
        tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @BeforeEach
    void aFreshPool() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        type = jdbc.sql("""
                        insert into credential_type (code, name, credential_kind, device_id_kind, binding_mode)
                        values (?, ?, 'dtcp-ip', 'mac', 'next-available') returning id""")
                .params("count-" + run, "Count " + run).query(Integer.class).single();
        batch = jdbc.sql("""
                        insert into credential_batch (batch_ref, credential_type_id, record_count, producing_facility,
                                                      state, submitted_by, activated_at)
                        values (?, ?, 0, 'kgf', 'active', 'test', now()) returning id""")
                .params("count-" + run, type).query(Long.class).single();
    }

    @Test
    void counts_follow_inserts_updates_and_deletes_of_single_and_many_rows() {
        insert(1, "available");
        insert(500, "available");
        insert(30, "staged");
        assertCountsAreExact();

        jdbc.sql("update credential set state = 'available' where credential_type_id = ? and state = 'staged'")
                .param(type).update();
        bind(120);
        revokeBound(7);
        delete("available", 9);
        // An update that changes no state records no delta.
        jdbc.sql("update credential set payload = '\\x01' where credential_type_id = ? and state = 'available'").param(type).update();
        assertCountsAreExact();

        counts.compact();
        assertThat(jdbc.sql("select count(*) from pool_count_delta where credential_type_id = ?").param(type)
                .query(Long.class).single()).isZero();
        assertCountsAreExact();
        assertThat(counts.all().get(type)).isEqualTo(new PoolCounts.Counts(type, 0, 531 - 120 - 9, 113, 7));
    }

    @Test
    void a_rolled_back_binding_changes_no_count() {
        insert(50, "available");
        var before = counts.all().get(type);
        tx.executeWithoutResult(status -> {
            bind(10);
            status.setRollbackOnly();
        });
        assertThat(counts.all().get(type)).isEqualTo(before);
        assertCountsAreExact();
    }

    @Test
    void concurrent_bindings_and_compactions_lose_and_double_count_nothing() throws Exception {
        insert(2_000, "available");
        var pool = Executors.newFixedThreadPool(6);
        var done = new AtomicBoolean();
        Future<?> compactor = pool.submit(() -> {
            while (!done.get()) {
                counts.compact();
            }
        });
        var binders = new java.util.ArrayList<Future<?>>();
        for (int t = 0; t < 5; t++) {
            binders.add(pool.submit(() -> {
                for (int i = 0; i < 150; i++) {
                    tx.executeWithoutResult(status -> bind(1));
                }
            }));
        }
        for (var binder : binders) {
            binder.get(120, TimeUnit.SECONDS);
        }
        done.set(true);
        compactor.get(60, TimeUnit.SECONDS);
        pool.shutdown();

        assertCountsAreExact();
        assertThat(counts.all().get(type).bound()).isEqualTo(750);
        assertThat(consumption().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(750);
        counts.compact();
        assertCountsAreExact();
        assertThat(consumption().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(750);
    }

    @Test
    void consumption_counts_each_binding_once_in_the_utc_hour_it_happened() {
        Instant nineOClock = Instant.parse("2026-03-02T09:00:00Z");
        insert(100, "staged");
        // Activating a batch consumes nothing.
        jdbc.sql("update credential set state = 'available' where credential_type_id = ? and state = 'staged'")
                .param(type).update();
        bindAt(10, nineOClock.plusSeconds(59 * 60 + 59));
        bindAt(5, nineOClock.plusSeconds(3600));
        tx.executeWithoutResult(status -> {
            bindAt(20, nineOClock);
            status.setRollbackOnly();
        });
        // Issued online: inserted already bound.
        jdbc.sql("""
                        insert into credential (credential_ref, credential_type_id, batch_id, payload, state, bound_device_id, bound_at)
                        select 'online-' || g, ?, ?, '\\x00', 'bound', 'ONL' || g, ? from generate_series(1, 3) g""")
                .params(type, batch, Timestamp.from(nineOClock.minusSeconds(1))).update();
        // What happens to bound credentials later does not undo their consumption.
        jdbc.sql("update credential set payload = '\\x02' where credential_type_id = ? and state = 'bound'").param(type).update();
        revokeBound(2);
        delete("bound", 1);

        var expected = Map.of(nineOClock.minusSeconds(3600), 3L, nineOClock, 10L, nineOClock.plusSeconds(3600), 5L);
        assertThat(consumption()).isEqualTo(expected);
        counts.compact();
        assertThat(jdbc.sql("select count(*) from pool_consumption_delta where credential_type_id = ?").param(type)
                .query(Long.class).single()).isZero();
        assertThat(consumption()).isEqualTo(expected);
    }

    private void insert(int n, String state) {
        jdbc.sql("""
                        insert into credential (credential_ref, credential_type_id, batch_id, payload, state)
                        select ? || '-' || g, ?, ?, '\\x00', ? from generate_series(1, ?) g""")
                .params(state + "-" + UUID.randomUUID(), type, batch, state, n).update();
    }

    /** Binds the next {@code n} available credentials as the provisioning service does, skipping locked ones. */
    private void bind(int n) {
        jdbc.sql("""
                        update credential set state = 'bound', bound_device_id = 'DEV' || id, bound_at = now()
                        where id in (select id from credential where credential_type_id = ? and state = 'available'
                                     order by id limit ? for update skip locked)""")
                .params(type, n).update();
    }

    private void revokeBound(int n) {
        jdbc.sql("""
                        update credential set state = 'revoked', bound_device_id = null, bound_at = null
                        where id in (select id from credential where credential_type_id = ? and state = 'bound' limit ?)""")
                .params(type, n).update();
    }

    private void delete(String state, int n) {
        jdbc.sql("delete from credential where id in (select id from credential where credential_type_id = ? and state = ? limit ?)")
                .params(type, state, n).update();
    }

    private void bindAt(int n, Instant at) {
        jdbc.sql("""
                        update credential set state = 'bound', bound_device_id = 'DEV' || id, bound_at = ?
                        where id in (select id from credential where credential_type_id = ? and state = 'available'
                                     order by id limit ?)""")
                .params(Timestamp.from(at), type, n).update();
    }

    /** Credentials bound per UTC hour, as readers see them. */
    private Map<Instant, Long> consumption() {
        var hours = new TreeMap<Instant, Long>();
        jdbc.sql("select hour, bound from pool_consumption_now where credential_type_id = ?").param(type)
                .query(rs -> {
                    hours.put(rs.getTimestamp("hour").toInstant(), rs.getLong("bound"));
                });
        return hours;
    }

    private void assertCountsAreExact() {
        var actual = jdbc.sql("""
                        select count(*) filter (where state = 'staged'), count(*) filter (where state = 'available'),
                               count(*) filter (where state = 'bound'), count(*) filter (where state = 'revoked')
                        from credential where credential_type_id = ?""")
                .param(type)
                .query((rs, n) -> new PoolCounts.Counts(type, rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .single();
        assertThat(counts.all().get(type)).isEqualTo(actual);
    }
}
