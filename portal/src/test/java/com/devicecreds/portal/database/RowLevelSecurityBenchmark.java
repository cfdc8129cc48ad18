package com.devicecreds.portal.database;

import com.devicecreds.benchmark.BenchmarkResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.devicecreds.access.CurrentActor;
import com.devicecreds.testsupport.TestPostgres;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * What row-level security costs (docs/decisions/018-row-level-security.md): the setting written at
 * each connection checkout, and a usage query and device searches run as the schema owner (no
 * policies) and as the application role for one operator and for all operators, on a million events.
 * Prints the median of each.
 *
 * <pre>
 * ./mvnw -o -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -pl portal -am
 * $JAVA_HOME/bin/java -cp portal/target/test-classes:portal/target/classes:$(cat portal/target/test-classpath.txt) \
 *     com.devicecreds.portal.database.RowLevelSecurityBenchmark [events]
 * </pre>
 */
public final class RowLevelSecurityBenchmark {

    private static final int CHECKOUTS = 20_000;
    private static final int QUERY_RUNS = 300;

    private RowLevelSecurityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        try (var postgres = EmbeddedPostgres.builder().setServerConfig("shared_buffers", "256MB").start();
             var owner = pool(postgres, "postgres", null)) {
            String password = ApplicationRole.ensure(owner, TestPostgres.APP_ROLE);
            TestPostgres.migrate(owner);
            fill(owner, events);
            try (var app = pool(postgres, TestPostgres.APP_ROLE, password)) {
                var scoped = new OperatorScopedDataSource(app, new StaticListableBeanFactory().getBeanProvider(CurrentActor.class));
                checkoutMicros(app); // warm-up of both paths
                checkoutMicros(scoped);
                System.out.printf("Checkout and 'select 1', median of %d batches of 1,000:%n", CHECKOUTS / 1_000);
                double plain = checkoutMicros(app);
                double withSetting = checkoutMicros(scoped);
                System.out.printf("  plain pool            %6.1f µs%n", plain);
                System.out.printf("  with the setting      %6.1f µs%n", withSetting);
                String name = String.format(java.util.Locale.ROOT, "row-level security, %,d events", events);
                BenchmarkResult.print(name, "checkout with the setting, median", withSetting, "us", plain, "plain pool");

                String usage = """
                        select day, sum(requests) from usage_daily_now
                        where operator_id = 3 and day >= current_date - 90 group by day order by day""";
                String device = "select * from provisioning_event where device_id = ? and operator_id = 3 "
                        + "order by occurred_at desc limit 50";
                String prefix = "select distinct device_id from provisioning_event where device_id >= 'A1' and device_id < 'A2' "
                        + "and operator_id = 3 order by device_id limit 50";
                String deviceId = firstDevice(owner);
                System.out.printf("Queries, median of %d runs (owner: no policies; app: policies, setting '3' / 'all'):%n",
                        QUERY_RUNS);
                for (var query : List.of(new String[] {"usage of one operator, 90 days", usage},
                        new String[] {"device search, exact ID", device}, new String[] {"device search, prefix", prefix})) {
                    double ownerMs = queryMillis(owner, null, query[1], deviceId);
                    double oneMs = queryMillis(app, "3", query[1], deviceId);
                    double allMs = queryMillis(app, "all", query[1], deviceId);
                    System.out.printf("  %-32s owner %7.3f ms   app '3' %7.3f ms   app 'all' %7.3f ms%n", query[0],
                            ownerMs, oneMs, allMs);
                    BenchmarkResult.print(name, query[0] + " with the policies, median", oneMs, "ms", ownerMs, "no policies");
                }
            }
        }
    }

    private static HikariDataSource pool(EmbeddedPostgres postgres, String user, String password) {
        var config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl(user, "postgres"));
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(2);
        return new HikariDataSource(config);
    }

    /** Events of six operators over 90 days (device IDs as 12 hex digits), and their usage rollups. */
    private static void fill(DataSource owner, int events) throws SQLException {
        try (var c = owner.getConnection(); var s = c.createStatement()) {
            s.execute("insert into operator (id, code, name) select g, 'operator-' || g, 'Operator ' || g from generate_series(1, 6) g");
            s.execute("""
                    insert into credential_type (code, name, credential_kind, owner_operator_id, device_id_kind, binding_mode)
                    values ('bench', 'Bench', 'widevine-keybox', null, 'mac', 'next-available')""");
            s.execute("""
                    insert into provisioning_event (occurred_at, operator_id, credential_type_id, device_id, device_id_kind,
                                                    server_node, outcome, credential_id)
                    select now() - mod(g, 7776000) * interval '1 second', 1 + mod(g, 6), (select id from credential_type),
                           upper(substr(md5(mod(g, 200000)::text), 1, 12)), 'mac', 'node-' || mod(g, 4), 'delivered', g
                    from generate_series(1, ?) g""".replace("?", Integer.toString(events)));
            s.execute("select usage_compact()");
            s.execute("analyze");
        }
    }

    private static String firstDevice(DataSource owner) throws SQLException {
        try (var c = owner.getConnection(); var s = c.createStatement();
             var rs = s.executeQuery("select device_id from provisioning_event where operator_id = 3 limit 1")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static double checkoutMicros(DataSource dataSource) throws SQLException {
        List<Double> batches = new ArrayList<>();
        for (int batch = 0; batch < CHECKOUTS / 1_000; batch++) {
            long start = System.nanoTime();
            for (int i = 0; i < 1_000; i++) {
                try (var c = dataSource.getConnection(); var s = c.createStatement()) {
                    s.execute("select 1");
                }
            }
            batches.add((System.nanoTime() - start) / 1_000.0 / 1_000);
        }
        return median(batches);
    }

    private static double queryMillis(DataSource dataSource, String operators, String sql, String deviceId)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (operators != null) {
                try (var s = c.prepareStatement("select set_config('portal.operators', ?, false)")) {
                    s.setString(1, operators);
                    s.execute();
                }
            }
            List<Double> runs = new ArrayList<>();
            for (int i = 0; i < QUERY_RUNS; i++) {
                long start = System.nanoTime();
                try (var s = c.prepareStatement(sql)) {
                    if (sql.contains("?")) {
                        s.setString(1, deviceId);
                    }
                    try (var rs = s.executeQuery()) {
                        while (rs.next()) {
                            rs.getObject(1);
                        }
                    }
                }
                runs.add((System.nanoTime() - start) / 1_000_000.0);
            }
            return median(runs);
        }
    }

    private static double median(List<Double> values) {
        var sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
