package com.devicecreds.inventory.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * All-pool credential counts at ten million credentials: the naive count over the partial index
 * against the counters of migration V13, in one run on one database, plus what the counters cost a
 * binding. Run from the repository root:
 * <pre>
 * ./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -pl inventory-monitor -am
 * cd inventory-monitor &amp;&amp; java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) \
 *     com.devicecreds.inventory.pool.PoolCountBenchmark 10000000 7
 * </pre>
 * Arguments: credentials (default 10,000,000) and timed runs per measurement (default 7). Prints medians.
 */
public final class PoolCountBenchmark {

    private static final int POOLS = 20;
    private static final int BINDINGS = 2_000;

    private PoolCountBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long credentials = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        try (var postgres = EmbeddedPostgres.builder()
                .setServerConfig("shared_buffers", "512MB")
                .setServerConfig("max_wal_size", "8GB")
                .setServerConfig("work_mem", "64MB")
                .start()) {
            DataSource dataSource = postgres.getPostgresDatabase();
            Flyway.configure().dataSource(dataSource).load().migrate();
            var jdbc = JdbcClient.create(dataSource);
            var counts = new PoolCounts(jdbc);

            long t0 = System.nanoTime();
            load(jdbc, credentials);
            counts.compact();
            jdbc.sql("vacuum analyze credential").update();
            System.out.printf("Loaded %,d credentials in %d pools (40%% bound) in %.1f s%n", credentials, POOLS,
                    (System.nanoTime() - t0) / 1e9);

            double naive = median(runs, () -> naiveCount(jdbc));
            double compacted = median(runs, () -> counts.all().values().stream().mapToLong(PoolCounts.Counts::available).sum());
            System.out.printf("All-pool counts, naive count(*) over the partial index: median %8.2f ms%n", naive);
            System.out.printf("All-pool counts, counters (compacted):                  median %8.2f ms  (%.0fx faster)%n",
                    compacted, naive / compacted);

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
                                   case when g % 10 < 4 then now() end
                            from generate_series(1, ?) g""")
                    .params(type, batch, perPool).update();
        }
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
