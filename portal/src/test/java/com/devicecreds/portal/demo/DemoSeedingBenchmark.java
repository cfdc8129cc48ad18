package com.devicecreds.portal.demo;

import com.devicecreds.benchmark.BenchmarkResult;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.devicecreds.portal.PortalProperties;
import com.devicecreds.testsupport.TestPostgres;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Seeds the demo world into fresh databases of a fresh embedded PostgreSQL, configured like the
 * portal's own (fsync on), and prints each phase's time and the median of the runs.
 *
 * <pre>
 * (JAVA_HOME pointing at a JDK 21 or newer)
 * ./mvnw -o -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -pl portal -am
 * $JAVA_HOME/bin/java -cp portal/target/test-classes:portal/target/classes:$(cat portal/target/test-classpath.txt) \
 *     com.devicecreds.portal.demo.DemoSeedingBenchmark [events] [runs]
 * </pre>
 */
public final class DemoSeedingBenchmark {

    private DemoSeedingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        var dir = Files.createTempDirectory("demo-seeding-benchmark");
        List<Duration> totals = new ArrayList<>();
        try (var postgres = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true)
                .setServerConfig("shared_buffers", "256MB").setServerConfig("max_wal_size", "2GB").start()) {
            for (int run = 1; run <= runs; run++) {
                String database = "seed_run_" + run;
                try (var c = postgres.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
                    s.execute("create database " + database);
                }
                var config = new HikariConfig();
                config.setJdbcUrl(postgres.getJdbcUrl("postgres", database));
                config.setUsername("postgres");
                config.setMaximumPoolSize(8);
                try (var dataSource = new HikariDataSource(config)) {
                    TestPostgres.migrate(dataSource);
                    var settings = new PortalProperties.Demo(true, 90, events, 20261122L);
                    var report = new DemoWorldSeeder(dataSource, settings, Clock.systemUTC()).seedIfEmpty()
                            .orElseThrow();
                    System.out.printf("%nRun %d: %d ms in total%n", run, report.total().toMillis());
                    report.phases().forEach((phase, took) -> System.out.printf("  %6d ms  %s%n", took.toMillis(), phase));
                    print(report.counts());
                    totals.add(report.total());
                }
            }
        }
        var sorted = totals.stream().sorted().toList();
        System.out.printf("%nMedian of %d runs for %,d events: %d ms (runs: %s)%n", runs, events,
                sorted.get(sorted.size() / 2).toMillis(), totals.stream().map(Duration::toMillis).toList());
        BenchmarkResult.print(String.format(java.util.Locale.ROOT, "demo seeding, %,d events", events), "seeding, median",
                sorted.get(sorted.size() / 2).toMillis() / 1000.0, "s");
    }

    private static void print(Map<String, Long> counts) {
        System.out.println("  counts: " + counts);
    }
}
