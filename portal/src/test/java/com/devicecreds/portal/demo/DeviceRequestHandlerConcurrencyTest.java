package com.devicecreds.portal.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import com.devicecreds.portal.PortalTest;
import com.devicecreds.portal.database.SchemaOwner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

@PortalTest
class DeviceRequestHandlerConcurrencyTest {

    private static final int THREADS = 16;
    private static final int REQUESTS_PER_THREAD = 200;
    private static final int POOL_SIZE = 100;

    @Autowired
    JdbcClient jdbc;
    @Autowired
    @SchemaOwner
    DataSource schemaOwner;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    Clock clock;

    /** The service's rules with no revoked device, so that every request reaches the pool. */
    DeviceRequestHandler handler;

    @BeforeEach
    void setUp() {
        handler = new DeviceRequestHandler(jdbc, transactions, clock, deviceId -> false);
    }

    @Test
    void concurrent_requests_never_bind_one_credential_twice() throws Exception {
        var pools = new TestPools(jdbc, JdbcClient.create(schemaOwner));
        var type = pools.newType(pools.operator("nordkabel"), "next-available", false, false, pools.newModel());
        pools.addAvailable(type, POOL_SIZE);

        var results = runConcurrently(THREADS, REQUESTS_PER_THREAD,
                (thread, i) -> pools.request(type, TestPools.mac(thread * 10_000L + i)));

        assertThat(results).hasSize(THREADS * REQUESTS_PER_THREAD);
        assertThat(sql("""
                select count(*) from (select credential_id from provisioning_event
                                      where credential_type_id = ? and outcome = 'delivered'
                                      group by credential_id having count(*) > 1) twice""", type.id()))
                .as("credentials delivered by more than one event").isZero();
        long delivered = sql("select count(*) from provisioning_event where credential_type_id = ? and outcome = 'delivered'",
                type.id());
        assertThat(sql("""
                select count(distinct credential_id) from provisioning_event
                where credential_type_id = ? and outcome = 'delivered'""", type.id())).isEqualTo(delivered);
        assertThat(sql("select count(*) from credential where credential_type_id = ? and state = 'bound'", type.id()))
                .as("bound credentials").isEqualTo(delivered).isEqualTo(POOL_SIZE);
        assertThat(sql("""
                select count(*) from provisioning_event e join credential c on c.id = e.credential_id
                where e.credential_type_id = ? and e.outcome = 'delivered'
                  and (c.bound_device_id <> e.device_id or c.bound_at <> e.occurred_at)""", type.id()))
                .as("delivered events whose credential is bound to another device or time").isZero();
        assertThat(sql("""
                select count(*) from provisioning_event
                where credential_type_id = ? and outcome = 'rejected' and rejection_reason = 'pool-empty'""", type.id()))
                .isEqualTo(THREADS * REQUESTS_PER_THREAD - POOL_SIZE);
        assertThat(results.stream().filter(r -> r.outcome() == ProvisioningOutcome.DELIVERED)
                .map(r -> r.credentialId().orElseThrow()).distinct().count()).isEqualTo(POOL_SIZE);
    }

    @Test
    void one_device_asking_many_times_at_once_holds_one_credential() throws Exception {
        var pools = new TestPools(jdbc, JdbcClient.create(schemaOwner));
        var type = pools.newType(pools.operator("sunwave"), "next-available", true, false, pools.newModel());
        pools.addAvailable(type, 10);
        String device = TestPools.mac(987_654);

        var results = runConcurrently(THREADS, 5, (thread, i) -> pools.request(type, device));

        assertThat(results).filteredOn(r -> r.outcome() == ProvisioningOutcome.DELIVERED).hasSize(1);
        assertThat(results).filteredOn(r -> r.outcome() == ProvisioningOutcome.REDELIVERED).hasSize(THREADS * 5 - 1);
        assertThat(results.stream().map(r -> r.credentialId().orElseThrow()).distinct()).hasSize(1);
        assertThat(sql("select count(*) from credential where credential_type_id = ? and state = 'bound'", type.id()))
                .isEqualTo(1);
    }

    private List<ProvisioningResult> runConcurrently(int threads, int perThread, RequestMaker maker) throws Exception {
        var start = new CountDownLatch(1);
        var futures = new ArrayList<Future<List<ProvisioningResult>>>();
        try (var executor = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(executor.submit(() -> {
                    start.await();
                    var mine = new ArrayList<ProvisioningResult>();
                    for (int i = 0; i < perThread; i++) {
                        mine.add(handler.handle(maker.make(thread, i)));
                    }
                    return mine;
                }));
            }
            start.countDown();
            var all = new ArrayList<ProvisioningResult>();
            for (var f : futures) {
                all.addAll(f.get());
            }
            return all;
        }
    }

    private long sql(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    @FunctionalInterface
    private interface RequestMaker {
        DeviceRequest make(int thread, int index);
    }
}
