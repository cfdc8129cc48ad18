package com.devicecreds.portal.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;

import javax.sql.DataSource;

import com.devicecreds.audit.AuditAction;
import com.devicecreds.portal.PortalProperties;
import com.devicecreds.portal.PortalTest;
import com.devicecreds.testsupport.RecordsAudit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The demo world the test context seeded at start (see application-test.properties for its size). */
@PortalTest
class DemoWorldSeederTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    PortalProperties properties;
    @Autowired
    Clock clock;

    @Test
    @RecordsAudit(AuditAction.DEMO_WORLD_SEEDED)
    void a_second_run_on_the_same_database_seeds_nothing() throws Exception {
        long events = count("select count(*) from provisioning_event");
        long credentials = count("select count(*) from credential");

        var second = new DemoWorldSeeder(dataSource, properties.demo(), clock).seedIfEmpty();

        assertThat(second).isEmpty();
        assertThat(count("select count(*) from provisioning_event")).isEqualTo(events);
        assertThat(count("select count(*) from credential")).isEqualTo(credentials);
        assertThat(count("select count(*) from audit_event where action = 'DEMO_WORLD_SEEDED' and actor = 'system' and outcome = 'success'"))
                .isEqualTo(1);
    }

    @Test
    void the_world_has_the_operators_types_and_history_it_was_configured_with() {
        assertThat(jdbc.sql("select code from operator").query(String.class).list())
                .hasSizeGreaterThanOrEqualTo(5).contains("nordkabel", "sunwave", "alpenfunk", "baltcom", "iberia-tv");
        assertThat(count("select count(*) from credential_type")).isGreaterThanOrEqualTo(10);
        assertThat(jdbc.sql("select distinct k.family from credential_type t join credential_kind k on k.code = t.credential_kind")
                .query(String.class).set()).containsExactlyInAnyOrder("drm-key", "copy-protection-key", "x509-certificate");
        assertThat(jdbc.sql("select distinct binding_mode from credential_type").query(String.class).set())
                .contains("pre-bound", "next-available", "issued-online");
        assertThat(count("""
                select count(*) from credential_type t where t.owner_operator_id is null
                  and (select count(*) from type_authorization a where a.credential_type_id = t.id) >= 2"""))
                .as("shared types authorized for several operators").isPositive();
        assertThat(count("select count(*) from provisioning_event")).isEqualTo(properties.demo().events());

        int days = properties.demo().historyDays();
        assertThat(count("select count(distinct date_trunc('day', occurred_at)) from provisioning_event"))
                .isBetween((long) days, days + 1L);
        assertThat(count("select count(*) from provisioning_event where occurred_at > now()")).isZero();
        assertThat(count("select extract(epoch from now() - min(occurred_at))::bigint / 3600 from provisioning_event"))
                .isBetween(days * 24L - 1, days * 24L + 1);
        assertThat(count("select count(*) from provisioning_event_default")).as("events outside the monthly partitions").isZero();
    }

    @Test
    void every_bound_credential_was_bound_by_exactly_one_delivered_event() {
        long bound = count("select count(*) from credential where state = 'bound'");
        assertThat(bound).isPositive();
        assertThat(count("select count(*) from provisioning_event where outcome = 'delivered'")).isEqualTo(bound);
        assertThat(count("select count(distinct credential_id) from provisioning_event where outcome = 'delivered'"))
                .isEqualTo(bound);
        assertThat(count("""
                select count(*) from provisioning_event e join credential c on c.id = e.credential_id
                where e.outcome = 'delivered' and (c.state <> 'bound' or c.bound_device_id <> e.device_id
                      or c.bound_at <> e.occurred_at or c.credential_type_id <> e.credential_type_id)"""))
                .as("delivered events that disagree with their credential").isZero();
        assertThat(count("""
                select count(*) from provisioning_event e join credential c on c.id = e.credential_id
                where e.outcome = 're-delivered' and (c.bound_device_id <> e.device_id or c.bound_at >= e.occurred_at)"""))
                .as("re-deliveries of a credential the device did not hold yet").isZero();
        assertThat(count("""
                select count(*) from credential where prebound_device_id is not null and state = 'bound'
                  and bound_device_id <> prebound_device_id""")).as("pre-bound credentials given to another device").isZero();
        assertThat(count("select count(*) from credential where state = 'available'")).as("pools left").isPositive();
    }

    @Test
    void the_device_summaries_equal_the_seeded_and_simulated_events_of_every_device() {
        // One statement, so one snapshot of both: the simulator may be writing meanwhile.
        assertThat(count("""
                select count(*) from (select device_id, operator_id, min(device_id_kind) as kind, count(*) as events,
                                             min(occurred_at) as first_seen, max(occurred_at) as last_seen
                                      from provisioning_event group by device_id, operator_id) e
                full join device_summary s using (device_id, operator_id)
                where s.events is distinct from e.events or s.device_id_kind is distinct from e.kind
                   or s.first_seen is distinct from e.first_seen or s.last_seen is distinct from e.last_seen"""))
                .as("devices whose summary differs from their events").isZero();
        assertThat(count("select count(*) from device_summary")).isPositive();
    }

    @Test
    void device_ids_are_normalized_to_the_pattern_of_their_kind() {
        assertThat(count("""
                select count(*) from provisioning_event e join device_id_kind k on k.code = e.device_id_kind
                where e.device_id !~ k.pattern""")).isZero();
        assertThat(count("""
                select count(*) from authorized_device d join credential_type t on t.id = d.credential_type_id
                join device_id_kind k on k.code = t.device_id_kind where d.device_id !~ k.pattern""")).isZero();
        assertThat(count("""
                select count(*) from credential c join credential_type t on t.id = c.credential_type_id
                join device_id_kind k on k.code = t.device_id_kind
                where c.prebound_device_id !~ k.pattern or c.bound_device_id !~ k.pattern""")).isZero();
    }

    @Test
    void operators_send_their_lists_in_five_to_ten_parts() {
        assertThat(jdbc.sql("""
                        select count(*) from authorized_list_part
                        where credential_type_id in (select id from credential_type where code = any(:codes))
                        group by operator_id, credential_type_id""").param("codes", demoTypeCodes())
                .query(Long.class).list()).isNotEmpty().allSatisfy(parts -> assertThat(parts).isBetween(5L, 10L));
        assertThat(count("""
                select count(*) from authorized_list_part p
                where p.entry_count <> (select count(*) from authorized_device d where d.part_id = p.id)""")).isZero();
    }

    /** The demo world's types; other tests of the shared database add types and list parts of their own. */
    private String[] demoTypeCodes() {
        return DemoCatalog.TYPES.stream().map(DemoCatalog.TypeDef::code).toArray(String[]::new);
    }

    @Test
    void traffic_peaks_in_the_evening_and_at_weekends_and_grows() {
        long evening = count("select count(*) from provisioning_event where extract(hour from occurred_at at time zone 'UTC') between 19 and 21");
        long night = count("select count(*) from provisioning_event where extract(hour from occurred_at at time zone 'UTC') between 2 and 4");
        assertThat(evening).isGreaterThan(night * 3);

        // Whole days only: the history starts and ends within a day.
        String fullDays = """
                select count(*)::float / count(distinct date_trunc('day', occurred_at at time zone 'UTC'))
                from provisioning_event
                where occurred_at >= date_trunc('day', (select min(occurred_at) from provisioning_event) at time zone 'UTC')
                                     at time zone 'UTC' + interval '1 day'
                  and occurred_at < date_trunc('day', now() at time zone 'UTC') at time zone 'UTC'
                  and extract(isodow from occurred_at at time zone 'UTC') %s""";
        double weekendPerDay = jdbc.sql(fullDays.formatted("in (6, 7)")).query(Double.class).single();
        double weekdayPerDay = jdbc.sql(fullDays.formatted("between 1 and 5")).query(Double.class).single();
        assertThat(weekendPerDay).isGreaterThan(weekdayPerDay * 1.1);

        long firstWeek = count("select count(*) from provisioning_event where occurred_at < (select min(occurred_at) + interval '7 days' from provisioning_event)");
        long lastWeek = count("select count(*) from provisioning_event where occurred_at >= now() - interval '7 days'");
        assertThat(lastWeek).isGreaterThan(firstWeek);
    }

    @Test
    void rejections_are_mostly_devices_missing_from_the_list_or_without_a_credential() {
        Map<String, Long> reasons = jdbc.sql("""
                        select rejection_reason, count(*) from provisioning_event where outcome = 'rejected'
                        group by rejection_reason""")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        long rejected = reasons.values().stream().mapToLong(Long::longValue).sum();
        assertThat(reasons).containsOnlyKeys("operator-not-authorized", "model-not-authorized", "not-on-authorized-list",
                "certificate-revoked", "bad-chain-or-signature", "no-credential-for-device", "pool-empty", "unknown-model");
        assertThat(reasons.get("not-on-authorized-list") + reasons.get("no-credential-for-device"))
                .isGreaterThan(rejected / 2);
        assertThat(reasons.get("pool-empty")).isLessThan(reasons.get("model-not-authorized"));
        assertThat(rejected).isBetween(count("select count(*) from provisioning_event") / 20,
                count("select count(*) from provisioning_event") / 4);
        assertThat(count("select count(*) from provisioning_event where outcome = 're-delivered'")).isPositive();
    }

    @Test
    void pools_keep_plenty_of_credentials_but_one_is_running_low() {
        var shares = jdbc.sql("""
                        select t.code, count(*) filter (where c.state = 'available')::float / count(*) as share
                        from credential c join credential_type t on t.id = c.credential_type_id
                        where t.binding_mode = 'next-available' group by t.code""")
                .query((rs, n) -> rs.getDouble("share")).list();
        assertThat(shares).hasSizeGreaterThanOrEqualTo(8).allSatisfy(s -> assertThat(s).isPositive());
        assertThat(shares).filteredOn(s -> s < 0.10).isNotEmpty();
        assertThat(shares).filteredOn(s -> s > 0.25).hasSizeGreaterThanOrEqualTo(6);
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
