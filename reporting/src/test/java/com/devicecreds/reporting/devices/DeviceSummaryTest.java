package com.devicecreds.reporting.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import com.devicecreds.access.OperatorRef;
import com.devicecreds.access.OperatorScope;
import com.devicecreds.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The device summaries (V50) always equal the events they summarize, also with concurrent writers
 * of the same devices; operator staff see and write only their operator's; a prefix lists them from
 * its range only.
 */
class DeviceSummaryTest {

    private static final String SUMMARIES = """
            select device_id, operator_id, device_id_kind, events, first_seen, last_seen from device_summary
            where device_id like :run || '%' order by device_id, operator_id""";
    private static final String FROM_EVENTS = """
            select device_id, operator_id, min(device_id_kind) as device_id_kind, count(*) as events,
                   min(occurred_at) as first_seen, max(occurred_at) as last_seen
            from provisioning_event where device_id like :run || '%'
            group by device_id, operator_id order by device_id, operator_id""";

    private static DataSource dataSource;
    private static JdbcClient jdbc;

    private final List<OperatorRef> operators = new ArrayList<>();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    /** Six hex digits of this test's own: its devices are this and six more. */
    private String run;

    @BeforeAll
    static void migratedDatabase() {
        dataSource = TestPostgres.server().getPostgresDatabase();
        TestPostgres.migrate(dataSource);
        jdbc = JdbcClient.create(dataSource);
    }

    @BeforeEach
    void operators() {
        run = UUID.randomUUID().toString().replace("-", "").substring(0, 6).toUpperCase(Locale.ROOT);
        for (int i = 0; i < 2; i++) {
            String code = "summary-" + i + "-" + run.toLowerCase(Locale.ROOT);
            operators.add(new OperatorRef(jdbc.sql("insert into operator (code, name) values (?, ?) returning id")
                    .params(code, code).query(Short.class).single(), code));
        }
    }

    @Test
    void summaries_equal_the_events_after_concurrent_statements_of_the_same_devices_in_any_order() throws Exception {
        try (var pool = Executors.newFixedThreadPool(4)) {
            var writers = new ArrayList<Future<?>>();
            for (int w = 0; w < 4; w++) {
                var random = new Random(35 + w);
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        var batch = new ArrayList<Event>();
                        for (int e = 0, n = 1 + random.nextInt(30); e < n; e++) {
                            // Few devices, both operators, two kinds, late events: writers keep meeting on the same rows.
                            batch.add(new Event(device(random.nextInt(25)), operators.get(random.nextInt(2)).id(),
                                    random.nextBoolean() ? "mac" : "serial", now.minus(random.nextInt(400), ChronoUnit.DAYS)));
                        }
                        Collections.shuffle(batch, random);
                        insert(dataSource, null, batch);
                    }
                    return null;
                }));
            }
            for (var writer : writers) {
                writer.get();
            }
        }
        assertThat(jdbc.sql(SUMMARIES).param("run", run).query().listOfRows()).hasSize(50)
                .isEqualTo(jdbc.sql(FROM_EVENTS).param("run", run).query().listOfRows());
    }

    @Test
    void operator_staff_see_and_change_only_their_own_operators_summaries() throws SQLException {
        OperatorRef a = operators.get(0);
        OperatorRef b = operators.get(1);
        insert(dataSource, null, List.of(new Event(device(1), a.id(), "mac", now.minus(3, ChronoUnit.DAYS)),
                new Event(device(1), b.id(), "mac", now.minus(2, ChronoUnit.DAYS)),
                new Event(device(2), b.id(), "mac", now.minus(1, ChronoUnit.DAYS))));

        insert(dataSource, a, List.of(new Event(device(1), a.id(), "mac", now)));
        assertThat(seenAs(a)).containsExactly(device(1) + " " + a.id() + " 2");
        assertThat(seenAs(b)).containsExactly(device(1) + " " + b.id() + " 1", device(2) + " " + b.id() + " 1");
        assertThatThrownBy(() -> insert(dataSource, a, List.of(new Event(device(2), b.id(), "mac", now))))
                .hasMessageContaining("row-level security");
        assertThat(jdbc.sql(SUMMARIES).param("run", run).query().listOfRows())
                .isEqualTo(jdbc.sql(FROM_EVENTS).param("run", run).query().listOfRows());
    }

    @Test
    void a_prefix_lists_the_devices_of_its_range_by_id_up_to_the_limit_with_every_operator_in_scope_added_up() {
        OperatorRef a = operators.get(0);
        OperatorRef b = operators.get(1);
        var events = new ArrayList<Event>();
        for (int d = 0; d < 8; d++) {
            events.add(new Event(device(d), a.id(), "mac", now.minus(d, ChronoUnit.HOURS)));
        }
        events.add(new Event(device(3), b.id(), "serial", now.minus(30, ChronoUnit.DAYS)));
        // Just past the range of "<run>00000", and of another run altogether.
        events.add(new Event(run + "000010", a.id(), "mac", now));
        insert(dataSource, null, events);
        var devices = new DeviceEvents(jdbc);
        String prefix = run + "00000";

        assertThat(devices.devicesStartingWith(OperatorScope.all(), List.of(prefix), 5)).extracting(DeviceMatch::deviceId)
                .containsExactly(device(0), device(1), device(2), device(3), device(4));
        assertThat(devices.devicesStartingWith(OperatorScope.all(), List.of(prefix), 50)).hasSize(8)
                .filteredOn(m -> m.deviceId().equals(device(3))).singleElement()
                .isEqualTo(new DeviceMatch(device(3), "mac", 2, now.minus(30, ChronoUnit.DAYS), now.minus(3, ChronoUnit.HOURS)));
        assertThat(devices.devicesStartingWith(OperatorScope.only(b), List.of(prefix), 50)).containsExactly(
                new DeviceMatch(device(3), "serial", 1, now.minus(30, ChronoUnit.DAYS), now.minus(30, ChronoUnit.DAYS)));
        assertThat(devices.devices(OperatorScope.only(a), List.of(device(3), run + "000010"))).extracting(DeviceMatch::events)
                .containsExactly(1L, 1L);
    }

    private String device(int n) {
        return run + String.format("%06d", n);
    }

    /** The summaries of this run's devices that the application role sees as the given operator's staff. */
    private List<String> seenAs(OperatorRef operator) throws SQLException {
        try (Connection c = asStaff(operator); var s = c.prepareStatement(
                "select device_id, operator_id, events from device_summary where device_id like ? order by 1, 2")) {
            s.setString(1, run + "%");
            var rows = new ArrayList<String>();
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + " " + rs.getShort(2) + " " + rs.getLong(3));
                }
            }
            return rows;
        }
    }

    /** A connection as the application role, scoped to the operator as the portal's pool does it. */
    private static Connection asStaff(OperatorRef operator) throws SQLException {
        Connection c = dataSource.getConnection();
        try (var s = c.createStatement()) {
            s.execute("set role " + TestPostgres.APP_ROLE);
            s.execute("select set_config('portal.operators', '" + operator.id() + "', false)");
        }
        return c;
    }

    private record Event(String device, short operator, String kind, Instant at) {
    }

    /** One statement through the partitioned root, as the owner or (with an operator) as that operator's staff. */
    private static void insert(DataSource dataSource, OperatorRef staff, List<Event> batch) {
        try (Connection c = staff == null ? dataSource.getConnection() : asStaff(staff);
             var s = c.prepareStatement("""
                     insert into provisioning_event (occurred_at, operator_id, credential_type_id, device_id, device_id_kind,
                                                     server_node, outcome, credential_id)
                     select at, op, 1, device, kind, 'prov-a', 'delivered', 1
                     from unnest(?::timestamptz[], ?::smallint[], ?::text[], ?::text[]) as e(at, op, device, kind)""")) {
            s.setArray(1, c.createArrayOf("text", batch.stream().map(e -> e.at().toString()).toArray()));
            s.setArray(2, c.createArrayOf("int2", batch.stream().map(Event::operator).toArray()));
            s.setArray(3, c.createArrayOf("text", batch.stream().map(Event::device).toArray()));
            s.setArray(4, c.createArrayOf("text", batch.stream().map(Event::kind).toArray()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
