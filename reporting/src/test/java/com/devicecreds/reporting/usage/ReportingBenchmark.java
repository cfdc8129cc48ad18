package com.devicecreds.reporting.usage;

import com.devicecreds.benchmark.BenchmarkResult;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import javax.imageio.ImageIO;
import javax.sql.DataSource;

import com.devicecreds.access.OperatorRef;
import com.devicecreds.reporting.devices.DeviceSearchTimings;
import com.devicecreds.testsupport.TestPostgres;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Usage reports and device search at ten million events, on one database in one run: the usage
 * query of one operator over a year from the node-less rollups (V22, V37) against the same statement over the raw
 * events, device search exact and by prefix as operator staff under row-level security from the
 * device summaries (V50) against the former prefix query over the events ({@link DeviceSearchTimings}),
 * one chart render, and what the device summary's and the rollups' triggers cost an insert. Run from the repository root:
 * <pre>
 * (JAVA_HOME pointing at a JDK 21 or newer)
 * ./mvnw -o -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -pl reporting -am
 * $JAVA_HOME/bin/java -cp reporting/target/test-classes:reporting/target/classes:$(cat reporting/target/test-classpath.txt) \
 *     com.devicecreds.reporting.usage.ReportingBenchmark [events] [runs]
 * </pre>
 * Arguments: events (default 10,000,000) over the past 365 days, and timed runs of the slow raw
 * query (default 5; the fast measurements run many more times). Prints medians and percentiles.
 */
public final class ReportingBenchmark {

    private static final int OPERATORS = 6;
    private static final int TYPES_PER_OPERATOR = 4;
    private static final int CHUNK = 1_000_000;

    private ReportingBenchmark() {
    }

    private static final String NAME = "reporting";

    public static void main(String[] args) throws Exception {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        // Server node, outcome and reason come from other bits of the hash than operator and type, so
        // that every combination occurs each day, as at full load.
        try (var postgres = EmbeddedPostgres.builder()
                .setServerConfig("shared_buffers", "512MB")
                .setServerConfig("max_wal_size", "8GB")
                .setServerConfig("work_mem", "64MB")
                .start()) {
            var pool = new HikariConfig();
            pool.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
            pool.setUsername("postgres");
            pool.setMaximumPoolSize(4);
            DataSource dataSource = new HikariDataSource(pool);
            // The application role exists before V36 grants to it, so that it can sign in: device search
            // runs as operator staff do in the portal, under the row-level security policies (decision 018).
            JdbcClient.create(dataSource).sql("create role " + TestPostgres.APP_ROLE + " login password 'bench'").update();
            TestPostgres.migrate(dataSource);
            var jdbc = JdbcClient.create(dataSource);
            var today = LocalDate.now(ZoneOffset.UTC);
            jdbc.sql("select provisioning_event_ensure_partitions(?, ?)").params(today.minusDays(800), today).query(Integer.class).single();
            var operators = world(jdbc);

            long t0 = System.nanoTime();
            for (long first = 0; first < events; first += CHUNK) {
                load(jdbc, first, Math.min(CHUNK, events - first), events);
                if ((first / CHUNK) % 10 == 9) {
                    System.err.printf(Locale.US, "  %,d events loaded after %.0f s%n", first + CHUNK, (System.nanoTime() - t0) / 1e9);
                }
            }
            double loaded = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            var rollups = new UsageRollups(jdbc);
            long folded = rollups.compact();
            double compacted = (System.nanoTime() - t1) / 1e9;
            jdbc.sql("vacuum analyze").update();
            System.out.printf(Locale.US, "Loaded %,d events over 365 days in %.1f s (trigger on, %d-row statements); "
                    + "compacted %,d delta rows in %.1f s into %,d daily rows%n", events, loaded, CHUNK, folded, compacted,
                    jdbc.sql("select count(*) from usage_daily").query(Long.class).single());

            var operator = operators.getFirst();
            var year = new UsageQuery(Optional.of(operator), today.minusDays(364), today, Granularity.DAY);
            var scope = com.devicecreds.access.OperatorScope.only(operator);
            UsageReport fromRollups = rollups.report(scope, year);
            UsageReport raw = RawUsage.report(jdbc, scope, year);
            if (!fromRollups.equals(raw)) {
                throw new IllegalStateException("Rollups and raw events disagree");
            }
            double rawMs = median(runs, () -> RawUsage.report(jdbc, scope, year));
            double rollupMs = median(Math.max(runs, 21), () -> rollups.report(scope, year));
            System.out.printf(Locale.US, "Usage of one operator over a year by day (%,d requests, %,d rows):%n",
                    fromRollups.current().total(), fromRollups.rows().size());
            System.out.printf(Locale.US, "  raw GROUP BY over the events: median %9.1f ms%n", rawMs);
            System.out.printf(Locale.US, "  daily rollups:                median %9.1f ms  (%.0fx faster)%n", rollupMs, rawMs / rollupMs);
            BenchmarkResult.print(NAME, "usage of a year by day, median", rollupMs, "ms", rawMs, "GROUP BY over the raw events");

            if (System.getProperty("explain") != null) {
                jdbc.sql("explain (analyze, buffers) " + UsageRollups.USAGE.formatted(UsageRollups.ROLLUPS))
                        .param("unit", "day").param("from", year.from()).param("previousFrom", year.previousFrom())
                        .param("to", year.to()).param("operatorId", operator.id())
                        .query(String.class).list().forEach(System.out::println);
            }
            try (var staff = staffPool(postgres, operator)) {
                DeviceSearchTimings.run(JdbcClient.create(staff), jdbc, operator);
            }

            double chartMs = median(Math.max(runs, 11), () -> png(UsageCharts.requestsByType(fromRollups)));
            System.out.printf(Locale.US, "One chart render (a year by day, 1000x320 at 2x, PNG): median %.1f ms%n", chartMs);
            BenchmarkResult.print(NAME, "one chart render, median", chartMs, "ms");

            triggerCost(jdbc, operator);
        }
    }

    private static List<OperatorRef> world(JdbcClient jdbc) {
        var operators = new ArrayList<OperatorRef>();
        for (int o = 0; o < OPERATORS; o++) {
            String code = "bench-op-" + o;
            short id = jdbc.sql("insert into operator (code, name) values (?, ?) returning id").params(code, "Bench " + o)
                    .query(Short.class).single();
            operators.add(new OperatorRef(id, code));
            for (int t = 0; t < TYPES_PER_OPERATOR; t++) {
                int type = jdbc.sql("""
                                insert into credential_type (code, name, credential_kind, owner_operator_id, device_id_kind, binding_mode)
                                values (?, ?, 'widevine-keybox', ?, 'mac', 'next-available') returning id""")
                        .params("bench-" + o + "-" + t, "Bench type " + o + "-" + t, id).query(Integer.class).single();
                jdbc.sql("insert into type_authorization (credential_type_id, operator_id) values (?, ?)").params(type, id).update();
            }
        }
        return operators;
    }

    /**
     * Events {@code first} to {@code first + count} of {@code total}, spread evenly over the past year in
     * time order, as one statement. Operator o's types are ids of its own; devices ask about three times each.
     */
    private static void load(JdbcClient jdbc, long first, long count, long total) {
        jdbc.sql("""
                        insert into provisioning_event (occurred_at, operator_id, credential_type_id, device_id, device_id_kind,
                                                        device_model_id, server_node, outcome, rejection_reason, credential_id)
                        select now() - interval '365 days' + (g * (365.0 * 86400 / :total)) * interval '1 second',
                               op.id, t.id, dev.id, 'mac', null, 'prov-' || ((h / 7) % 4), o.outcome,
                               case when o.outcome = 'rejected' then (array['not-on-authorized-list', 'pool-empty',
                                   'model-not-authorized', 'certificate-revoked'])[1 + (h / 131) % 4] end,
                               case when o.outcome <> 'rejected' then g end
                        from generate_series(cast(:first as bigint), cast(:last as bigint)) g
                        cross join lateral (select (g * 2654435761) % 4294967296 as h) hash
                        cross join lateral (select (cast(:operators as smallint[]))[1 + h % 6] as id) op
                        cross join lateral (select (cast(:types as integer[]))[1 + (h % 6) * 4 + (h / 6) % 4] as id) t
                        cross join lateral (select upper(lpad(to_hex(h % 6), 4, '0')
                                                   || lpad(to_hex((h / 24) % greatest(:total / 18, 1)), 8, '0')) as id) dev
                        cross join lateral (select case when (h / 29) % 100 < 84 then 'delivered'
                                                        when (h / 29) % 100 < 89 then 're-delivered' else 'rejected' end as outcome) o""")
                .param("total", total).param("first", first).param("last", first + count - 1)
                .param("operators", jdbc.sql("select id from operator where code like 'bench-op-%' order by code")
                        .query(Short.class).list().toArray(Short[]::new))
                .param("types", jdbc.sql("select id from credential_type where code like 'bench-%' order by code")
                        .query(Integer.class).list().toArray(Integer[]::new))
                .update();
    }

    /** Connections of the application role as operator staff of one operator see, as the portal's pool sets them. */
    private static HikariDataSource staffPool(EmbeddedPostgres postgres, OperatorRef operator) {
        var pool = new HikariConfig();
        pool.setJdbcUrl(postgres.getJdbcUrl(TestPostgres.APP_ROLE, "postgres"));
        pool.setUsername(TestPostgres.APP_ROLE);
        pool.setPassword("bench");
        pool.setMaximumPoolSize(2);
        pool.setConnectionInitSql("select set_config('portal.operators', '" + operator.id() + "', false)");
        return new HikariDataSource(pool);
    }

    /**
     * One single-row insert (autocommit) and a 1,000-row insert: with every trigger, without the device
     * summary's (V50), and without it and the rollups' too; the missing-ID trigger (V29) stays on throughout.
     */
    private static void triggerCost(JdbcClient jdbc, OperatorRef operator) {
        String single = """
                insert into provisioning_event (occurred_at, operator_id, credential_type_id, device_id, device_id_kind,
                                                server_node, outcome, credential_id)
                values (now(), ?, 1, 'AABBCC' || lpad(to_hex((random() * 16777215)::int), 6, '0'), 'mac', 'prov-0', 'delivered', 1)""";
        String thousand = """
                insert into provisioning_event (occurred_at, operator_id, credential_type_id, device_id, device_id_kind,
                                                server_node, outcome, credential_id)
                select now(), ?, 1 + g % 24, 'AABBCC' || lpad(to_hex(g), 6, '0'), 'mac', 'prov-' || (g % 4), 'delivered', g
                from generate_series(1, 1000) g""";
        // Ten rounds of the three configurations in turn, so that what else the machine does weighs on each alike.
        String[] disable = {null, "provisioning_event_device_summary", "provisioning_event_usage"};
        double[][] ones = new double[3][3_000];
        double[][] batches = new double[3][50];
        for (int round = 0; round < 10; round++) {
            for (int i = 0; i < 3; i++) {
                if (disable[i] != null) {
                    jdbc.sql("alter table provisioning_event disable trigger " + disable[i]).update();
                }
                for (int k = 0; k < 300; k++) {
                    ones[i][round * 300 + k] = millis(() -> jdbc.sql(single).param(operator.id()).update()) * 1000;
                }
                for (int k = 0; k < 5; k++) {
                    batches[i][round * 5 + k] = millis(() -> jdbc.sql(thousand).param(operator.id()).update());
                }
            }
            jdbc.sql("alter table provisioning_event enable trigger provisioning_event_device_summary").update();
            jdbc.sql("alter table provisioning_event enable trigger provisioning_event_usage").update();
        }
        double[] one = new double[3];
        double[] batch = new double[3];
        for (int i = 0; i < 3; i++) {
            one[i] = percentile(ones[i], 50);
            batch[i] = percentile(batches[i], 50);
        }
        System.out.printf(Locale.US, "One event insert (autocommit), median: all triggers %7.1f us, without the device summary's "
                + "%7.1f us (summary %.2fx), without it and the rollups' %7.1f us (rollups %.2fx)%n",
                one[0], one[1], one[0] / one[1], one[2], one[1] / one[2]);
        System.out.printf(Locale.US, "1,000-event insert statement, median: all triggers %7.2f ms, without the device summary's "
                + "%7.2f ms (summary %.2fx), without it and the rollups' %7.2f ms (rollups %.2fx)%n",
                batch[0], batch[1], batch[0] / batch[1], batch[2], batch[1] / batch[2]);
        BenchmarkResult.print(NAME, "one event insert with every trigger, median", one[0], "us", one[2], "without the summary and rollup triggers");
        BenchmarkResult.print(NAME, "1,000-event insert with every trigger, median", batch[0], "ms", batch[2], "without the summary and rollup triggers");
    }

    private static byte[] png(org.jfree.chart.JFreeChart chart) {
        var image = chart.createBufferedImage(2000, 640, 1000, 320, null);
        var out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Milliseconds the work took. */
    public static double millis(Supplier<?> work) {
        long t = System.nanoTime();
        work.get();
        return (System.nanoTime() - t) / 1e6;
    }

    private static double median(int runs, Supplier<?> work) {
        double[] times = new double[runs];
        for (int i = 0; i < runs; i++) {
            times[i] = millis(work);
        }
        return percentile(times, 50);
    }

    /** The p-th percentile (nearest rank) of the values. */
    public static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
