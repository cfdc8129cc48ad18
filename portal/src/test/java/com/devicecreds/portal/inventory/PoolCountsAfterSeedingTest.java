package com.devicecreds.portal.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.devicecreds.inventory.pool.PoolCounts;
import com.devicecreds.portal.PortalTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The demo world is loaded by parallel COPY streams; the pool counters must still equal a real count. */
@PortalTest
class PoolCountsAfterSeedingTest {

    @Autowired
    PoolCounts counts;
    @Autowired
    JdbcClient jdbc;

    @Test
    void every_pools_counters_equal_a_real_count_after_the_demo_world_is_seeded() {
        var actual = jdbc.sql("""
                        select credential_type_id,
                               count(*) filter (where state = 'staged'), count(*) filter (where state = 'available'),
                               count(*) filter (where state = 'bound'), count(*) filter (where state = 'revoked')
                        from credential group by credential_type_id""")
                .query((rs, n) -> new PoolCounts.Counts(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5)))
                .list();
        assertThat(actual).isNotEmpty();
        var counted = counts.all();
        for (var pool : actual) {
            assertThat(counted.get(pool.credentialTypeId())).as("pool %d", pool.credentialTypeId()).isEqualTo(pool);
        }
        counts.compact();
        assertThat(counts.all()).containsAllEntriesOf(counted);
    }

    @Test
    void hourly_consumption_equals_the_delivered_events_of_every_pool_and_hour_after_seeding() {
        String delivered = """
                select credential_type_id, date_trunc('hour', occurred_at, 'UTC') as hour, count(*) as n
                from provisioning_event where outcome = 'delivered' group by 1, 2""";
        String consumed = "select credential_type_id, hour, bound as n from pool_consumption_now where bound <> 0";
        long deliveredHours = jdbc.sql("select count(*) from (" + delivered + ") d").query(Long.class).single();
        assertThat(deliveredHours).isGreaterThan(100);
        // Both directions of the set difference are empty.
        assertThat(jdbc.sql("select count(*) from ((" + delivered + ") except (" + consumed + ")) d")
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from ((" + consumed + ") except (" + delivered + ")) c")
                .query(Long.class).single()).isZero();
    }
}
