package com.devicecreds.inventory.threshold;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ThresholdsTest {

    @Test
    void the_defaults_are_valid() {
        assertThat(Thresholds.DEFAULTS.problems()).isEmpty();
    }

    @Test
    void a_critical_level_not_below_the_warning_level_is_refused_in_words() {
        var t = new Thresholds(Limit.of(100, null, 14), Limit.of(100, null, 20), 10, 10, Duration.ofMinutes(5));
        assertThat(t.problems()).containsExactly(
                "The critical count (100) must be below the warning count (100)",
                "The critical days of runway (20) must be below the warning days of runway (14)");
    }

    @Test
    void negative_values_and_levels_without_criteria_are_refused() {
        var t = new Thresholds(Limit.of(null, null, null), Limit.of(-1, 101, null), -1, -5, Duration.ofSeconds(-1));
        assertThat(t.problems()).containsExactly(
                "The warning level needs at least one criterion (count, percent or days)",
                "The critical count must not be negative",
                "The critical percent must be at most 100",
                "The lead time must not be negative",
                "The recovery margin must be between 0 and 1000 percent",
                "The pending period must not be negative");
    }
}
