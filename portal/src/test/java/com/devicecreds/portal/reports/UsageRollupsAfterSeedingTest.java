package com.devicecreds.portal.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.devicecreds.portal.PortalTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The demo world's COPY of events fires the rollup trigger: usage is exact right after seeding, with no backfill. */
@PortalTest
class UsageRollupsAfterSeedingTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void the_rollups_equal_a_group_by_over_every_seeded_event() {
        String rows = """
                select %s, operator_id, credential_type_id, outcome, coalesce(rejection_reason, '-'), server_node,
                       sum(requests)::bigint
                from %s group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6""";
        List<String> rollups = jdbc.sql(rows.formatted("day", "usage_daily_now"))
                .query((rs, n) -> row(rs)).list();
        List<String> raw = jdbc.sql(rows.formatted("(occurred_at at time zone 'UTC')::date",
                        "(select *, 1 as requests from provisioning_event) e"))
                .query((rs, n) -> row(rs)).list();

        assertThat(raw).hasSizeGreaterThan(100);
        assertThat(rollups).isEqualTo(raw);
    }

    private static String row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return rs.getString(1) + "|" + rs.getShort(2) + "|" + rs.getInt(3) + "|" + rs.getString(4) + "|" + rs.getString(5)
                + "|" + rs.getString(6) + "|" + rs.getLong(7);
    }
}
