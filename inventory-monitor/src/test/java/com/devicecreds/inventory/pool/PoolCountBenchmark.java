package com.devicecreds.inventory.pool;

import com.devicecreds.benchmark.BenchmarkResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import javax.sql.DataSource;

import com.devicecreds.access.OperatorScope;
import com.devicecreds.inventory.alert.PoolMeasurements;
import com.devicecreds.testsupport.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The inventory overview's figures at ten million credentials and tens of millions of provisioning
 * events, in one run on one database: all-pool counts, naive count over the partial index against the
 * counters of migration V13; the whole overview measurement (counts, consumption of 24 hours and 7
 * days, last batch) as the alert engine takes it every minute, scanning a week of events against the
 * hourly consumption counters of V18; and what the counters cost a binding. Run from the repository
 * root:
 * <pre>
 * ./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -pl inventory-monitor -am
 * cd inventory-monitor &amp;&amp; java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) \
 *     com.devicecreds.inventory.pool.PoolCountBenchmark 10000000 7 30000000
 * </pre>
 * Arguments: credentials (default 10,000,000), timed runs per measurement (default 7), delivered
 * events spread over the last seven days (default 30,000,000: one day at full load, spread thin).
 * Bound credentials are bound over the last seven days too. Prints medians.
 */
public final class PoolCountBenchmark {

    private static final int POOLS = 20;
    private static final int BINDINGS = 2_000;

    private PoolCountBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long credentials = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        long events = args.length > 2 ? Long.parseLong(args[2]) : 30_000_000L;
        try (var postgres = EmbeddedPostgres.builder()
                .setServerConfig("shared_buffers", "512MB")
                .setServerConfig("max_wal_size", "8GB")
                .setServerConfig("work_mem", "64MB")
                .start()) {
            DataSource dataSource = postgres.getPostgresDatabase();
            TestPostgres.migrate(dataSource);
            var jdbc = JdbcClient.create(dataSource);
            var counts = new PoolCounts(jdbc);

            long t0 = System.nanoTime();
            load(jdbc, credentials);
            counts.compact();
            jdbc.sql("vacuum analyze credential").update();
            System.out.printf("Loaded %,d credentials in %d pools (40%% bound) in %.1f s%n", credentials, POOLS,
                    (System.nanoTime() - t0) / 1e9);
            t0 = System.nanoTime();
            loadEvents(jdbc, events);
            System.out.printf("Loaded %,d delivered events over 7 days in %.1f s%n", events, (System.nanoTime() - t0) / 1e9);

            double naive = median(runs, () -> naiveCount(jdbc));
            double compacted = median(runs, () -> counts.all().values().stream().mapToLong(PoolCounts.Counts::available).sum());
            System.out.printf("All-pool counts, naive count(*) over the partial index: median %8.2f ms%n", naive);
            System.out.printf("All-pool counts, counters (compacted):                  median %8.2f ms  (%.0fx faster)%n",
                    compacted, naive / compacted);
            String name = String.format(java.util.Locale.ROOT, "pool counts, %,d credentials", credentials);
            BenchmarkResult.print(name, "all-pool counts, median", compacted, "ms", naive, "count(*) over the partial index");

            var measurements = new PoolMeasurements(jdbc);
            double scanned = median(runs, () -> naiveOverview(jdbc));
            double overview = median(runs, () -> measurements.measure(OperatorScope.all(), Instant.now()).size());
            System.out.printf("Overview measurement, consumption from a week of events:  median %8.2f ms%n", scanned);
            System.out.printf("Overview measurement, consumption counters (PoolMeasurements): median %8.2f ms  (%.0fx faster)%n",
                    overview, scanned / overview);
            BenchmarkResult.print(name, "overview measurement, median", overview, "ms", scanned, "a week of events scanned");

            double withTrigger = bindingMicros(jdbc, runs);
            jdbc.sql("alter table credential disable trigger credential_count_update").update();
            double withoutTrigger = bindingMicros(jdbc, runs);
            jdbc.sql("alter table credential enable trigger credential_count_update").update();
            System.out.printf("Pending deltas after the bindings above: %,d rows%n",
                    jdbc.sql("select count(*) from pool_count_delta").query(Long.class).single());
            double pending = median(runs, () -> counts.all().values().stream().mapToLong(PoolCounts.Counts::available).sum());
            System.out.printf("All-pool counts, counters with those deltas pending:   median %8.2f ms%n", pending);
            System.out.printf("One binding (single-row update, autocommit), counters on:  median %7.1f us%n", withTrigger);
            System.out.printf("One binding (single-row update, autocommit), counters off: median %7.1f us  (counters cost %.2fx)%n",
                    withoutTrigger, withTrigger / withoutTrigger);
            BenchmarkResult.print(name, "one binding with the counters, median", withTrigger, "us", withoutTrigger, "counters off");
        }
    }

    private static void load(JdbcClient jdbc, long credentials) {
        long perPool = credentials / POOLS;
        for (int p = 0; p < POOLS; p++) {
            int type = jdbc.sql("""
                            insert into credential_type (code, name, credential_kind, device_id_kind, binding_mode)
                            values (?, ?, 'widevine-keybox', 'mac', 'next-available') returning id""")
                    .params("bench-" + p, "Bench " + p).query(Integer.class).single();
            long batch = jdbc.sql("""
                            insert into credential_batch (batch_ref, credential_type_id, record_count, producing_facility,
                                                          state, submitted_by, activated_at)
                            values (?, ?, ?, 'kgf', 'active', 'bench', now()) returning id""")
                    .params("bench-" + p, type, perPool).query(Long.class).single();
            jdbc.sql("""
                            insert into credential (credential_ref, credential_type_id, batch_id, payload, state, bound_device_id, bound_at)
                            select 'c' || g, ?, ?, '\\x0102030405060708',
                                   case when g % 10 < 4 then 'bound' else 'available' end,
                                   case when g % 10 < 4 then lpad(to_hex(g), 12, '0') end,
                                   case when g % 10 < 4 then now() - (g % 168) * interval '1 hour' end
                            from generate_series(1, ?) g""")
                    .params(type, batch, perPool).update();
        }
    }

    /** Delivered events spread evenly over the pools and the last seven days, as the service writes them. */
    private static void loadEvents(JdbcClient jdbc, long events) {
        // The device-search index plays no part in the overview; building it would only slow the load.
        jdbc.sql("drop index provisioning_event_device_idx").update();
        long chunk = 5_000_000;
        for (long from = 1; from <= events; from += chunk) {
            jdbc.sql("""
                            insert into provisioning_event (occurred_at, operator_id, credential_type_id, device_id,
                                                            device_id_kind, server_node, outcome, credential_id)
                            select now() - (g % 604800) * interval '1 second', 1,
                                   (select min(id) from credential_type where code like 'bench-%') + (g % ?),
                                   lpad(to_hex(g), 12, '0'), 'mac', 'node-' || (g % 4), 'delivered', g
                            from generate_series(?, ?) g""")
                    .params(POOLS, from, Math.min(events, from + chunk - 1)).update();
        }
        jdbc.sql("vacuum analyze provisioning_event").update();
    }

    /** What the overview measurement did before V18: a week of delivered events counted per pool. */
    private static long naiveOverview(JdbcClient jdbc) {
        return jdbc.sql("""
                        with delivered as (
                            select credential_type_id,
                                   count(*) filter (where occurred_at >= now() - interval '24 hours') as last_24h,
                                   count(*) as last_7d
                            from provisioning_event
                            where outcome = 'delivered' and occurred_at >= now() - interval '7 days' and occurred_at < now()
                            group by credential_type_id)
                        select t.id, coalesce(counts.available, 0) as available, coalesce(d.last_24h, 0) as last_24h,
                               coalesce(d.last_7d, 0) as last_7d,
                               (select max(b.activated_at) from credential_batch b
                                 where b.credential_type_id = t.id and b.state = 'active') as last_batch
                        from credential_type t
                        left join pool_count_now counts on counts.credential_type_id = t.id
                        left join delivered d on d.credential_type_id = t.id
                        where t.binding_mode <> 'issued-online'""")
                .query((rs, n) -> rs.getLong("last_7d")).list().stream().mapToLong(Long::longValue).sum();
    }

    /** What the overview did before the counters: two counts per pool over the partial indexes. */
    private static long naiveCount(JdbcClient jdbc) {
        return jdbc.sql("""
                        select t.id,
                               (select count(*) from credential c where c.credential_type_id = t.id and c.state = 'available') as available,
                               (select count(*) from credential c where c.credential_type_id = t.id and c.bound_device_id is not null) as bound
                        from credential_type t""")
                .query((rs, n) -> rs.getLong("available")).list().stream().mapToLong(Long::longValue).sum();
    }

    private static double bindingMicros(JdbcClient jdbc, int runs) {
        var type = jdbc.sql("select min(id) from credential_type where code like 'bench-%'").query(Integer.class).single();
        var samples = new ArrayList<Double>();
        for (int r = 0; r < runs; r++) {
            long start = System.nanoTime();
            for (int i = 0; i < BINDINGS / runs; i++) {
                jdbc.sql("""
                                update credential set state = 'bound', bound_device_id = 'B' || id, bound_at = now()
                                where id = (select id from credential where credential_type_id = ? and state = 'available'
                                            order by id limit 1 for update skip locked)""")
                        .param(type).update();
            }
            samples.add((System.nanoTime() - start) / 1e3 / (BINDINGS / runs));
        }
        return median(samples);
    }

    private static double median(int runs, LongSupplier work) {
        work.getAsLong();
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            work.getAsLong();
            millis.add((System.nanoTime() - start) / 1e6);
        }
        return median(millis);
    }

    private static double median(List<Double> samples) {
        double[] sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
