package com.devicecreds.portal.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.devicecreds.portal.lifecycle.PortalProcess;

/**
 * A real portal in a JVM of its own (embedded PostgreSQL, demo world, simulator on, dev login) for a
 * load run, which it starts, measures and stops.
 */
final class LoadTarget {

    private LoadTarget() {
    }

    static LoadReport run(String name, List<String> jvmOptions, LoadRun.Settings settings, String... properties)
            throws IOException, InterruptedException, SQLException {
        Path work = Files.createTempDirectory(Files.createDirectories(Path.of("target", "load")).toAbsolutePath(), name);
        int databasePort = PortalProcess.freePort();
        var all = new ArrayList<>(List.of("--portal.database.data-directory=" + work.resolve("pgdata"),
                "--portal.database.port=" + databasePort, "--logging.level.root=warn"));
        all.addAll(List.of(properties));
        try (var portal = PortalProcess.start(work, name, jvmOptions, all.toArray(String[]::new))) {
            var up = portal.awaitUp(Duration.ofMinutes(20));
            System.out.printf("Portal UP in %d s (pid %d, log %s)%n", up.toSeconds(), portal.pid(), work.resolve(name + ".log"));
            LoadReport report;
            try (var database = new DatabaseSampler(databasePort)) {
                report = new LoadRun(portal.httpPort(), portal.pid(), pools(databasePort)).run(settings);
                report.print(System.out);
                System.out.println("Database: statements by the average number of connections running them, whole run:");
                database.top(12).forEach(System.out::println);
            }
            return report;
        }
    }

    /** Pool ids (types not issued online) by owning operator's code, and all of them under {@code ""}. */
    private static Map<String, List<Integer>> pools(int databasePort) throws SQLException {
        var pools = new HashMap<String, List<Integer>>();
        try (var connection = DriverManager.getConnection("jdbc:postgresql://localhost:" + databasePort + "/portal", "postgres", "");
             var query = connection.createStatement().executeQuery("""
                     select t.id, coalesce(o.code, '') from credential_type t left join operator o on o.id = t.owner_operator_id
                     where t.binding_mode <> 'issued-online' order by t.id""")) {
            while (query.next()) {
                pools.computeIfAbsent(query.getString(2), code -> new ArrayList<>()).add(query.getInt(1));
                if (!query.getString(2).isEmpty()) {
                    pools.computeIfAbsent("", code -> new ArrayList<>()).add(query.getInt(1));
                }
            }
        }
        return pools;
    }
}
