package com.devicecreds.portal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

/**
 * A portal killed with -9 on an external PostgreSQL (a server of its own, as in production: the
 * application role created by an administrator, migrations run as the owner) leaves nothing that
 * blocks the next start: no Flyway lock, no Quartz state, no session.
 */
class ExternalDatabaseRestartTest {

    @Test
    void a_portal_killed_with_minus_nine_on_an_external_database_starts_again_and_carries_on() throws Exception {
        Path work = Files.createTempDirectory(Files.createDirectories(Path.of("target", "lifecycle")).toAbsolutePath(), "ext");
        try (var server = EmbeddedPostgres.builder().start()) {
            try (var connection = server.getPostgresDatabase().getConnection()) {
                connection.createStatement().execute(
                        "create role portal_app login password 'app-secret' nosuperuser nobypassrls");
            }
            String[] external = {"--spring.datasource.url=jdbc:postgresql://localhost:" + server.getPort() + "/postgres",
                    "--spring.datasource.username=portal_app", "--spring.datasource.password=app-secret",
                    "--spring.flyway.user=postgres", "--spring.flyway.password="};

            var first = PortalProcess.start(work, "external-first", external);
            first.awaitUp(Duration.ofMinutes(3));
            first.kill9();

            var second = PortalProcess.start(work, "external-second", external);
            try {
                var up = second.awaitUp(Duration.ofMinutes(3));
                long before = events(server);
                var end = Instant.now().plusSeconds(30);
                while (events(server) <= before && Instant.now().isBefore(end)) {
                    PortalProcess.pause(Duration.ofMillis(500));
                }
                assertThat(events(server)).as("the simulator writes again").isGreaterThan(before);
                assertThat(second.log()).doesNotContain("APPLICATION FAILED");
                System.out.printf("Portal on an external database started again after kill -9 in %d ms%n", up.toMillis());
            } finally {
                second.close();
            }
        }
    }

    private static long events(EmbeddedPostgres server) throws SQLException {
        try (var connection = server.getPostgresDatabase().getConnection();
             var count = connection.createStatement().executeQuery("select count(*) from provisioning_event")) {
            count.next();
            return count.getLong(1);
        }
    }
}
