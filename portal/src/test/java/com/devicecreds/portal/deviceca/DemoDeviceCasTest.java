package com.devicecreds.portal.deviceca;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import com.devicecreds.portal.PortalTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The demo world trusts a root and a factory sub-CA for each operator's types, and shows both kinds of alert. */
@PortalTest
class DemoDeviceCasTest {

    @Autowired
    DemoDeviceCas demo;
    @Autowired
    JdbcClient jdbc;

    @Test
    void every_demo_pair_trusts_a_root_with_a_verified_crl_and_a_sub_ca_and_the_alerts_show() {
        long pairs = jdbc.sql("""
                        select count(*) from type_authorization a
                        where exists (select 1 from device_ca c where c.operator_id = a.operator_id
                                                                  and c.credential_type_id = a.credential_type_id)""")
                .query(Long.class).single();
        assertThat(pairs).isPositive();
        assertThat(jdbc.sql("""
                        select count(*) from device_ca c
                        where c.added_by = 'pki.anna' and c.approved_by = 'pki.ben' and c.is_root
                          and exists (select 1 from device_ca s where s.parent_id = c.id)
                          and exists (select 1 from device_ca_crl l where l.device_ca_id = c.id)""")
                .query(Long.class).single()).isGreaterThanOrEqualTo(pairs);
        assertThat(jdbc.sql("""
                        select kind from device_ca_alert a join device_ca c on c.id = a.device_ca_id
                        where a.resolved_at is null and c.added_by = 'pki.anna' and c.subject like '%Factory CA%'
                           or a.resolved_at is null and a.kind = 'crl-stale'""").query(String.class).set())
                .contains("expiring", "crl-stale");
        // Seeded once: a second call finds CAs and adds none.
        assertThat(demo.seedIfNone(Instant.now())).isZero();
    }
}
