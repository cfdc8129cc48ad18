package com.devicecreds.portal.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The generator alone, without a database: what it plans is what the seeder writes. */
class HistoryGeneratorTest {

    private static final Instant NOW = Instant.parse("2026-11-22T03:00:00Z");

    @Test
    void the_same_seed_and_time_make_the_same_history() {
        var first = new HistoryGenerator(new WorldPlan(20_000, 14, 5, NOW)).generate(20_000);
        var second = new HistoryGenerator(new WorldPlan(20_000, 14, 5, NOW)).generate(20_000);
        var other = new HistoryGenerator(new WorldPlan(20_000, 14, 6, NOW)).generate(20_000);

        assertThat(first.at).isEqualTo(second.at);
        assertThat(first.device).isEqualTo(second.device);
        assertThat(first.outcome).isEqualTo(second.outcome);
        assertThat(Arrays.equals(first.device, other.device)).isFalse();
    }

    @Test
    void events_are_in_time_order_within_the_history_and_credentials_are_taken_once() {
        var plan = new WorldPlan(30_000, 10, 11, NOW);
        var history = new HistoryGenerator(plan).generate(30_000);

        for (int e = 1; e < history.size; e++) {
            assertThat(history.at[e]).isGreaterThanOrEqualTo(history.at[e - 1]);
        }
        assertThat(history.at[0]).isGreaterThanOrEqualTo(plan.start.toEpochMilli());
        assertThat(history.at[history.size - 1]).isLessThan(plan.end.toEpochMilli());
        for (int t = 0; t < plan.types.size(); t++) {
            int type = t;
            long delivered = java.util.stream.IntStream.range(0, history.size)
                    .filter(e -> history.type[e] == type && history.outcome(e) == ProvisioningOutcome.DELIVERED)
                    .mapToLong(e -> history.credential[e]).distinct().count();
            long bound = java.util.stream.IntStream.range(0, history.credentialCount(t))
                    .filter(history.bindings[t]::bound).count();
            assertThat(bound).as(plan.types.get(t).code()).isEqualTo(delivered);
            assertThat(history.credentialCount(t)).as(plan.types.get(t).code()).isGreaterThanOrEqualTo((int) bound);
        }
    }

    @Test
    void hourly_counts_add_up_to_the_events_asked_for() {
        int[] counts = TrafficRhythm.eventsPerHour(NOW, 24 * 30, 123_457, new SplittableRandom(1));

        assertThat(Arrays.stream(counts).sum()).isEqualTo(123_457);
        assertThat(Arrays.stream(counts).min().orElseThrow()).isNotNegative();
    }
}
