package com.devicecreds.audit;

import com.devicecreds.benchmark.BenchmarkResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.devicecreds.audit.internal.AuditChain;
import com.devicecreds.audit.verify.ChainVerifier;
import com.devicecreds.testsupport.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Verifying a million audit rows: the streaming verifier against a naive one that loads every row
 * into memory first, in one run on one database. Run from the repository root:
 * <pre>
 * ./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -pl audit-log -am
 * cd audit-log &amp;&amp; java -Xmx512m -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) \
 *     com.devicecreds.audit.AuditVerifyBenchmark 1000000 3
 * </pre>
 * Arguments: rows (default 1,000,000) and timed runs (default 3). Prints medians and the heap used.
 */
public final class AuditVerifyBenchmark {

    private AuditVerifyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        var chain = new AuditChain(TrailFixture.KEY);
        try (var postgres = EmbeddedPostgres.builder().setServerConfig("shared_buffers", "256MB").start()) {
            var dataSource = postgres.getPostgresDatabase();
            TestPostgres.migrate(dataSource);
            long t0 = System.nanoTime();
            TrailFixture.bulkLoad(dataSource, chain, Instant.now().minus(Duration.ofDays(700)), Duration.ofSeconds(30), rows);
            JdbcClient.create(dataSource).sql("vacuum analyze audit_event").update();
            System.out.printf("Loaded %,d chained audit rows in %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);

            var verifier = new ChainVerifier(chain);
            var streamed = new ArrayList<Double>();
            for (int r = 0; r <= runs; r++) {
                try (var connection = dataSource.getConnection()) {
                    long start = System.nanoTime();
                    var report = verifier.verify(connection, List.of(headAnchor(dataSource)), List.of());
                    if (!report.intact() || report.rowsChecked() != rows) {
                        throw new IllegalStateException(report.message());
                    }
                    if (r > 0) {
                        streamed.add((System.nanoTime() - start) / 1e9);
                    }
                }
            }
            long streamedHeap = usedHeapAfterGc();
            var naive = new ArrayList<Double>();
            long naiveHeap = 0;
            for (int r = 0; r <= runs; r++) {
                long start = System.nanoTime();
                naiveHeap = Math.max(naiveHeap, naiveVerify(JdbcClient.create(dataSource), chain, rows));
                if (r > 0) {
                    naive.add((System.nanoTime() - start) / 1e9);
                }
            }
            double s = median(streamed);
            double n = median(naive);
            System.out.printf("Verify %,d rows, streaming verifier: median %6.1f s (heap after: %d MB)%n", rows, s,
                    streamedHeap >> 20);
            System.out.printf("Verify %,d rows, naive (all rows in memory): median %6.1f s (heap holding them: %d MB), %.2fx the time%n",
                    rows, n, naiveHeap >> 20, n / s);
            String name = String.format(java.util.Locale.ROOT, "audit verify, %,d rows", rows);
            BenchmarkResult.print(name, "verify, median", s, "s", n, "all rows in memory first");
            BenchmarkResult.print(name, "heap while verifying", streamedHeap >> 20, "MB", naiveHeap >> 20, "all rows in memory first");
        }
    }

    /** The chain head as an anchor would hold it: the bulk-loaded rows are older than any anchor grace. */
    private static com.devicecreds.audit.verify.Anchor headAnchor(javax.sql.DataSource dataSource) {
        return JdbcClient.create(dataSource).sql("select seq, hash from audit_chain_head")
                .query((rs, n) -> new com.devicecreds.audit.verify.Anchor(rs.getLong(1), rs.getBytes(2), Instant.now()))
                .single();
    }

    /** Loads every row, then checks; returns the heap in use while holding them. */
    private static long naiveVerify(JdbcClient jdbc, AuditChain chain, int expected) {
        List<AuditRow> all = jdbc.sql("""
                        select seq, occurred_at, actor, actor_roles, operator_code, action, target, outcome, details,
                               prev_hash, row_hash, key_id from audit_event order by seq""")
                .query((rs, i) -> new AuditRow(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getString(9), rs.getBytes(10), rs.getBytes(11), rs.getString(12)))
                .list();
        long heap = usedHeapAfterGc();
        byte[] previous = AuditChain.GENESIS;
        for (AuditRow row : all) {
            if (!Arrays.equals(row.prevHash(), previous) || !Arrays.equals(chain.hashOf(row), row.rowHash())) {
                throw new IllegalStateException("row " + row.seq());
            }
            previous = row.rowHash();
        }
        if (all.size() != expected) {
            throw new IllegalStateException(all.size() + " rows");
        }
        return heap;
    }

    private static long usedHeapAfterGc() {
        System.gc();
        var runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static double median(List<Double> samples) {
        double[] sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
