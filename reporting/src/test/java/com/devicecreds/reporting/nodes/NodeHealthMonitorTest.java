package com.devicecreds.reporting.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.devicecreds.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Silent nodes and rejection spikes raise one alert when they start and resolve it when they end. */
class NodeHealthMonitorTest {

    private JdbcClient jdbc;

    private final NodeHealthProperties settings = new NodeHealthProperties(Duration.ofMinutes(15),
            Duration.ofMinutes(10), 3, 0.10, 50, Duration.ofMinutes(1));
    private final List<Object> published = new ArrayList<>();
    private Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private NodeHealthMonitor monitor;
    private String node;
    private short operator;
    private int type;

    @BeforeEach
    void aDatabaseOfItsOwnAndANodeWithAUsualWeek() {
        // The monitor looks at every node, and each test moves its own clock: one database per test.
        String run = UUID.randomUUID().toString().substring(0, 8);
        JdbcClient.create(TestPostgres.server().getPostgresDatabase()).sql("create database nodes_" + run).update();
        var dataSource = TestPostgres.server().getDatabase("postgres", "nodes_" + run);
        TestPostgres.migrate(dataSource);
        jdbc = JdbcClient.create(dataSource);
        node = "prov-" + run;
        operator = jdbc.sql("insert into operator (code, name) values (?, ?) returning id").params("nodes-" + run, run)
                .query(Short.class).single();
        type = jdbc.sql("""
                        insert into credential_type (code, name, credential_kind, owner_operator_id, device_id_kind, binding_mode)
                        values (?, ?, 'widevine-keybox', ?, 'serial', 'next-available') returning id""")
                .params("nodes-" + run, run, operator).query(Integer.class).single();
        var clock = new Clock() {
            @Override
            public Instant instant() {
                return now;
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        monitor = new NodeHealthMonitor(new NodeStatistics(jdbc), settings, clock, published::add);
        // Three days ago: 400 requests, 5 % rejected. That is the node's usual rate.
        events(now.minus(Duration.ofDays(3)), 380, 20);
    }

    @Test
    void a_silent_node_raises_one_alert_and_resolves_it_when_it_speaks_again() {
        events(now.minus(Duration.ofMinutes(5)), 30, 1);
        monitor.evaluate();
        assertThat(open()).isEmpty();

        now = now.plus(Duration.ofMinutes(4));
        monitor.evaluate();
        assertThat(open()).as("9 minutes quiet").isEmpty();
        now = now.plus(Duration.ofMinutes(2));
        monitor.evaluate();
        now = now.plus(Duration.ofMinutes(1));
        monitor.evaluate();
        assertThat(open()).containsExactly("silent");
        assertThat(raised()).hasSize(1);
        assertThat(raised().getFirst().alert().summary()).contains(node, "has sent no provisioning event for 11 minutes");

        events(now.minus(Duration.ofSeconds(30)), 10, 0);
        monitor.evaluate();
        assertThat(open()).isEmpty();
        assertThat(resolvedKinds()).containsExactly("silent");
    }

    @Test
    void a_rejection_spike_raises_one_alert_while_it_lasts_and_a_usual_rate_does_not() {
        events(now.minus(Duration.ofMinutes(4)), 95, 5);
        monitor.evaluate();
        assertThat(open()).as("5 % as usual").isEmpty();

        now = now.plus(Duration.ofMinutes(15));
        events(now.minus(Duration.ofMinutes(3)), 60, 40);
        monitor.evaluate();
        now = now.plus(Duration.ofMinutes(1));
        monitor.evaluate();
        assertThat(open()).containsExactly("rejection-spike");
        assertThat(raised()).singleElement().satisfies(r -> assertThat(r.alert().summary())
                .contains("rejects 40.0 % of its requests over the last 15 minutes (40 of 100), usually 5.0 %"));

        now = now.plus(Duration.ofMinutes(16));
        events(now.minus(Duration.ofMinutes(2)), 97, 3);
        monitor.evaluate();
        assertThat(open()).isEmpty();
        assertThat(resolvedKinds()).containsExactly("rejection-spike");
    }

    @Test
    void a_few_rejections_among_few_requests_are_no_spike() {
        events(now.minus(Duration.ofMinutes(2)), 10, 10);
        monitor.evaluate();
        assertThat(open()).as("20 requests are below the minimum of 50").isEmpty();
    }

    private void events(Instant at, int delivered, int rejected) {
        jdbc.sql("""
                        insert into provisioning_event (occurred_at, operator_id, credential_type_id, device_id, device_id_kind,
                                                        server_node, outcome, rejection_reason, credential_id)
                        select :at, :operator, :type, 'DEV' || g, 'serial', :node,
                               case when g <= :rejected then 'rejected' else 'delivered' end,
                               case when g <= :rejected then 'pool-empty' end,
                               case when g <= :rejected then null else g end
                        from generate_series(1, :total) g""")
                .param("at", Timestamp.from(at)).param("operator", operator).param("type", type).param("node", node)
                .param("rejected", rejected).param("total", delivered + rejected)
                .update();
    }

    private List<String> open() {
        return jdbc.sql("select kind from node_alert where node = ? and resolved_at is null order by kind").param(node)
                .query(String.class).list();
    }

    private List<NodeAlert.Raised> raised() {
        return published.stream().filter(NodeAlert.Raised.class::isInstance).map(NodeAlert.Raised.class::cast)
                .filter(r -> r.alert().node().equals(node)).toList();
    }

    private List<String> resolvedKinds() {
        return published.stream().filter(NodeAlert.Resolved.class::isInstance).map(NodeAlert.Resolved.class::cast)
                .filter(r -> r.alert().node().equals(node)).map(r -> r.alert().kind()).toList();
    }
}
