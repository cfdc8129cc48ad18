package com.devicecreds.portal.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A small load run in the normal suite, to prove the load test works: twenty people with sessions of
 * their own walk their roles' pages for about a minute against a real portal process. It asserts that
 * nothing failed and that every page was visited, never a time (the machine is shared); the full run
 * is {@link LoadBenchmark}.
 */
class LoadTest {

    @Test
    void twenty_signed_in_users_walk_the_main_pages_of_their_roles_without_an_error() throws Exception {
        var report = LoadTarget.run("load-test", List.of("-Xmx768m", "-XX:TieredStopAtLevel=1"),
                new LoadRun.Settings(20, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(3), false));

        assertThat(report.problems()).as("errors seen by the users").isEmpty();
        assertThat(report.pagesVisited()).containsExactlyInAnyOrder("Dashboard", "Key inventory", "Key pool", "Usage",
                "Device events", "Missing IDs", "Rollouts", "Notifications", "Approvals", "Audit trail");
        assertThat(report.load().count("Sign-in")).isEqualTo(20);
        assertThat(report.load().imagesFetched()).as("the chart pages' images were fetched").isPositive();
        assertThat(report.heapWithSessionsKib()).as("open sessions hold heap").isGreaterThan(report.heapAfterSignOutKib());
    }
}
