package com.devicecreds.portal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The portal's own process lifecycle on its embedded database, with real processes: a second portal
 * on the same data directory, the database killed under a running portal, and a portal killed with -9.
 * One portal runs through the tests in order, as an operator's machine would see it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalLifecycleTest {

    private static final Duration START = Duration.ofMinutes(3);

    private Path work;
    private Path dataDirectory;
    private int databasePort;
    private PortalProcess first;

    @BeforeAll
    void aRunningPortalWithLiveTraffic() throws IOException {
        work = Files.createDirectories(Path.of("target", "lifecycle")).toAbsolutePath();
        work = Files.createTempDirectory(work, "run");
        dataDirectory = work.resolve("pgdata");
        databasePort = PortalProcess.freePort();
        first = start("first");
        first.awaitUp(START);
    }

    @AfterAll
    void stop() {
        if (first != null) {
            first.close();
        }
    }

    @Test
    @Order(1)
    void a_second_portal_on_the_same_data_directory_refuses_at_once_naming_the_first_which_keeps_running_and_writing()
            throws Exception {
        long postmaster = postmasterPid();
        long eventsBefore = events();

        var second = start("second");
        var started = Instant.now();
        assertThat(second.process().waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("the second portal exits").isTrue();
        var took = Duration.between(started, Instant.now());

        assertThat(second.process().exitValue()).isNotZero();
        assertThat(second.log()).contains("is in use by another running portal (pid " + first.pid())
                .doesNotContain("Stopping an orphaned embedded PostgreSQL");
        assertThat(took).as("refused before it started anything heavy").isLessThan(Duration.ofSeconds(45));
        assertThat(postmasterPid()).as("the first portal's database was never stopped").isEqualTo(postmaster);
        assertThat(first.health()).isEqualTo("UP");
        awaitMoreEventsThan(eventsBefore);
        System.out.printf("Second portal refused in %d ms%n", took.toMillis());
    }

    @Test
    @Order(2)
    void a_database_killed_under_the_portal_is_started_again_and_the_portal_carries_on() throws Exception {
        long postmaster = postmasterPid();
        long eventsBefore = events();

        ProcessHandle.of(postmaster).orElseThrow().destroyForcibly();
        var killed = Instant.now();
        awaitUntil(() -> first.log().contains("is running again") && first.health().equals("UP"), Duration.ofMinutes(2));
        var recovered = Duration.between(killed, Instant.now());

        assertThat(first.isAlive()).isTrue();
        assertThat(postmasterPid()).isNotEqualTo(postmaster);
        assertThat(first.log()).contains("(pid " + postmaster + ") on " + dataDirectory + " stopped unexpectedly; starting it again");
        awaitMoreEventsThan(eventsBefore);
        System.out.printf("Embedded PostgreSQL killed with -9: portal healthy again after %d ms%n", recovered.toMillis());
    }

    @Test
    @Order(3)
    void a_portal_killed_with_minus_nine_leaves_nothing_that_blocks_the_next_start() throws Exception {
        first.kill9();
        long eventsBefore;
        var next = start("after-kill");
        try {
            var up = next.awaitUp(START);
            eventsBefore = events();
            assertThat(next.log()).doesNotContain("in use by another running portal");
            awaitMoreEventsThan(eventsBefore);
            System.out.printf("Portal started again after kill -9 in %d ms%n", up.toMillis());
        } finally {
            next.close();
        }
        assertThat(next.process().exitValue()).as("a graceful stop").isIn(0, 143);
        assertThat(postmasterPidOrZero() == 0 || ProcessHandle.of(postmasterPidOrZero()).isEmpty())
                .as("the database stopped with the portal").isTrue();
        first = null;
    }

    private PortalProcess start(String name) {
        return PortalProcess.start(work, name, "--portal.database.data-directory=" + dataDirectory,
                "--portal.database.port=" + databasePort);
    }

    private long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).getFirst().strip());
    }

    private long postmasterPidOrZero() {
        try {
            return postmasterPid();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private long events() throws SQLException {
        try (var connection = DriverManager.getConnection("jdbc:postgresql://localhost:" + databasePort + "/portal", "postgres", "");
             var count = connection.createStatement().executeQuery("select count(*) from provisioning_event")) {
            count.next();
            return count.getLong(1);
        }
    }

    /** The simulator keeps writing: more events than before within half a minute. */
    private void awaitMoreEventsThan(long before) {
        awaitUntil(() -> {
            try {
                return events() > before;
            } catch (SQLException e) {
                return false;
            }
        }, Duration.ofSeconds(30));
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition, Duration limit) {
        var end = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition within " + limit).isBefore(end);
            PortalProcess.pause(Duration.ofMillis(500));
        }
    }
}
