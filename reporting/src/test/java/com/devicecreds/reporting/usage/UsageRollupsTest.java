package com.devicecreds.reporting.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import com.devicecreds.access.OperatorRef;
import com.devicecreds.access.OperatorScope;
import com.devicecreds.reporting.usage.EventWriter.Event;
import com.devicecreds.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The daily rollups always equal a GROUP BY over the events themselves: late events, compaction and concurrency included. */
class UsageRollupsTest {

    private static DataSource dataSource;
    private static JdbcClient jdbc;
    private static UsageRollups rollups;

    private final List<OperatorRef> operators = new ArrayList<>();
    private final List<Integer> types = new ArrayList<>();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @BeforeAll
    static void migratedDatabase() {
        dataSource = TestPostgres.server().getPostgresDatabase();
        TestPostgres.migrate(dataSource);
        jdbc = JdbcClient.create(dataSource);
        rollups = new UsageRollups(jdbc);
    }

    @BeforeEach
    void operatorsAndTypes() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            String code = "usage-" + i + "-" + run;
            short id = jdbc.sql("insert into operator (code, name) values (?, ?) returning id").params(code, code)
                    .query(Short.class).single();
            operators.add(new OperatorRef(id, code));
        }
        for (int i = 0; i < 4; i++) {
            types.add(jdbc.sql("""
                            insert into credential_type (code, name, credential_kind, device_id_kind, binding_mode)
                            values (?, ?, 'dtcp-ip', 'serial', 'next-available') returning id""")
                    .params("usage-" + i + "-" + run, "Usage type " + i + " " + run).query(Integer.class).single());
        }
    }

    @Test
    void rollups_equal_the_raw_aggregation_through_rounds_of_random_inserts_late_events_and_compactions() {
        var random = new Random(20261122L);
        for (int round = 0; round < 6; round++) {
            for (int statement = 0; statement < 12; statement++) {
                // Mostly recent events; every round also brings late ones for days long closed.
                int daysBack = statement % 4 == 3 ? 30 + random.nextInt(50) : random.nextInt(3);
                EventWriter.insert(dataSource, randomEvents(random, 1 + random.nextInt(300), daysBack));
            }
            assertThat(rollupRows()).as("round %d before compaction", round).isEqualTo(rawRows());
            assertThat(typeRollupRows()).as("round %d before compaction, without nodes", round).isEqualTo(rawTypeRows());
            if (round % 2 == 0) {
                rollups.compact();
                assertThat(pendingDeltas()).isZero();
                assertThat(rollupRows()).as("round %d after compaction", round).isEqualTo(rawRows());
                assertThat(typeRollupRows()).as("round %d after compaction, without nodes", round).isEqualTo(rawTypeRows());
            }
            var query = new UsageQuery(Optional.of(operators.get(round % 3)), LocalDate.now(ZoneOffset.UTC).minusDays(40),
                    LocalDate.now(ZoneOffset.UTC), Granularity.values()[round % 3]);
            var scope = OperatorScope.all().narrowTo(operators.get(round % 3));
            assertThat(rollups.report(scope, query)).as("round %d report", round)
                    .isEqualTo(RawUsage.report(jdbc, scope, query));
        }
    }

    @Test
    void events_on_either_side_of_midnight_utc_count_on_their_own_utc_day() {
        Instant midnight = LocalDate.now(ZoneOffset.UTC).minusDays(5).atStartOfDay(ZoneOffset.UTC).toInstant();
        EventWriter.insert(dataSource, List.of(
                new Event(midnight.minusMillis(1), operators.get(0).id(), types.get(0), "delivered", null, "prov-a"),
                new Event(midnight, operators.get(0).id(), types.get(0), "delivered", null, "prov-a"),
                new Event(midnight.plusSeconds(1), operators.get(0).id(), types.get(0), "delivered", null, "prov-a")));

        var day = LocalDate.ofInstant(midnight, ZoneOffset.UTC);
        var report = rollups.report(OperatorScope.only(operators.get(0)),
                new UsageQuery(Optional.empty(), day.minusDays(1), day, Granularity.DAY));
        assertThat(report.rows()).extracting(UsageRow::period, UsageRow::delivered)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(day.minusDays(1), 1L),
                        org.assertj.core.groups.Tuple.tuple(day, 2L));
    }

    @Test
    void compaction_running_while_events_arrive_loses_and_repeats_nothing() throws Exception {
        var writing = new AtomicBoolean(true);
        var written = new AtomicLong();
        var compactions = new AtomicLong();
        try (var pool = Executors.newFixedThreadPool(4)) {
            var writers = new ArrayList<Future<?>>();
            for (int w = 0; w < 3; w++) {
                var random = new Random(77 + w);
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 60; i++) {
                        var batch = randomEvents(random, 1 + random.nextInt(40), random.nextInt(20));
                        EventWriter.insert(dataSource, batch);
                        written.addAndGet(batch.size());
                    }
                    return null;
                }));
            }
            Future<?> compactor = pool.submit(() -> {
                while (writing.get()) {
                    rollups.compact();
                    compactions.incrementAndGet();
                }
                return null;
            });
            for (var writer : writers) {
                writer.get();
            }
            writing.set(false);
            compactor.get();
        }
        assertThat(compactions.get()).isGreaterThan(1);
        assertThat(rollupRows()).isEqualTo(rawRows());
        rollups.compact();
        assertThat(rollupRows()).isEqualTo(rawRows());
        assertThat(typeRollupRows()).isEqualTo(rawTypeRows());
        assertThat(rollupRows().stream().mapToLong(Row::requests).sum()).isEqualTo(written.get());
    }

    private List<Event> randomEvents(Random random, int count, int daysBack) {
        var events = new ArrayList<Event>(count);
        for (int i = 0; i < count; i++) {
            String outcome = EventWriter.OUTCOMES.get(random.nextInt(3));
            events.add(new Event(now.minus(Duration.ofDays(daysBack)).minusSeconds(random.nextInt(86_400 * 2)),
                    operators.get(random.nextInt(operators.size())).id(), types.get(random.nextInt(types.size())),
                    outcome, outcome.equals("rejected") ? EventWriter.REASONS.get(random.nextInt(4)) : null,
                    EventWriter.NODES.get(random.nextInt(3))));
        }
        return events;
    }

    record Row(LocalDate day, short operator, int type, String outcome, String reason, String node, long requests) {
    }

    private List<Row> rollupRows() {
        return rows("usage_daily_now", "day");
    }

    private List<Row> rawRows() {
        return rows("(select *, 1 as requests from provisioning_event) e", "(occurred_at at time zone 'UTC')::date");
    }

    /** The node-less rollups (what the reports read) against the events grouped without the node. */
    private List<Row> typeRollupRows() {
        return rows("(select *, '' as server_node from usage_daily_type_now) u", "day");
    }

    private List<Row> rawTypeRows() {
        return rows("(select occurred_at, operator_id, credential_type_id, outcome, rejection_reason, '' as server_node,"
                + " 1 as requests from provisioning_event) e", "(occurred_at at time zone 'UTC')::date");
    }

    private List<Row> rows(String source, String day) {
        return jdbc.sql("""
                        select %s as day, operator_id, credential_type_id, outcome, rejection_reason, server_node,
                               sum(requests) as requests
                        from %s where operator_id = any(:operators)
                        group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6""".formatted(day, source))
                .param("operators", operators.stream().map(OperatorRef::id).toArray(Short[]::new))
                .query((rs, n) -> new Row(rs.getObject(1, LocalDate.class), rs.getShort(2), rs.getInt(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getLong(7)))
                .list();
    }

    private long pendingDeltas() {
        return jdbc.sql("select count(*) from usage_daily_delta where operator_id = any(:operators)")
                .param("operators", operators.stream().map(OperatorRef::id).toArray(Short[]::new))
                .query(Long.class).single();
    }
}
