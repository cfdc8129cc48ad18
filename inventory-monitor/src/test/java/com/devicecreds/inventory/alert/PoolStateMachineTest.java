package com.devicecreds.inventory.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import com.devicecreds.inventory.threshold.Limit;
import com.devicecreds.inventory.threshold.Thresholds;
import org.junit.jupiter.api.Test;

/**
 * The whole state machine with an injected time. Thresholds: warning at 100 available, critical at
 * 20, 10 % recovery margin, 5 minutes pending, 10 days lead time.
 */
class PoolStateMachineTest {

    private static final Thresholds THRESHOLDS = new Thresholds(
            new Limit(OptionalInt.of(100), OptionalInt.empty(), OptionalInt.empty()),
            new Limit(OptionalInt.of(20), OptionalInt.empty(), OptionalInt.empty()),
            10, 10, Duration.ofMinutes(5));
    private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");

    private final PoolStateMachine machine = new PoolStateMachine();
    private PoolState state = PoolState.INITIAL;
    private Instant now = T0;

    /** Available now; 7 per day consumed so runway stays long (1000 in 7 days would be 143/day). */
    private List<Transition> measure(long available) {
        return measure(available, 7);
    }

    private List<Transition> measure(long available, long deliveredLast7Days) {
        var pool = new PoolMeasurement(1, "Pool", Optional.empty(), available, 1000, 0, deliveredLast7Days,
                Optional.empty());
        var evaluation = machine.evaluate(state, pool, THRESHOLDS, now);
        state = evaluation.next();
        return evaluation.transitions();
    }

    private void after(Duration duration) {
        now = now.plus(duration);
    }

    @Test
    void a_pool_above_its_thresholds_stays_ok_and_raises_nothing() {
        assertThat(measure(500)).isEmpty();
        assertThat(state.level()).isEqualTo(PoolLevel.OK);
    }

    @Test
    void a_breach_alerts_only_after_it_held_for_the_pending_period() {
        assertThat(measure(90)).isEmpty();
        assertThat(state.pendingLevel()).contains(PoolLevel.WARNING);
        after(Duration.ofMinutes(4));
        assertThat(measure(90)).isEmpty();
        after(Duration.ofMinutes(1));
        assertThat(measure(90)).containsExactly(new Transition.Raise(AlertKind.LEVEL, PoolLevel.OK, PoolLevel.WARNING));
        assertThat(state.level()).isEqualTo(PoolLevel.WARNING);
        assertThat(state.pendingLevel()).isEmpty();
    }

    @Test
    void a_breach_that_ends_within_the_pending_period_never_alerts() {
        measure(90);
        after(Duration.ofMinutes(3));
        assertThat(measure(150)).isEmpty();
        assertThat(state.pendingSince()).isEmpty();
        after(Duration.ofMinutes(3));
        assertThat(measure(90)).as("the pending period starts again").isEmpty();
    }

    @Test
    void an_unchanged_level_raises_exactly_one_alert_however_often_it_is_evaluated() {
        measure(90);
        after(Duration.ofMinutes(5));
        assertThat(measure(90)).hasSize(1);
        for (int i = 0; i < 10; i++) {
            after(Duration.ofMinutes(1));
            assertThat(measure(90 - i)).isEmpty();
        }
    }

    @Test
    void a_pool_that_runs_dry_alerts_empty_at_once() {
        assertThat(measure(0)).containsExactly(new Transition.Raise(AlertKind.LEVEL, PoolLevel.OK, PoolLevel.EMPTY));
        assertThat(state.level()).isEqualTo(PoolLevel.EMPTY);
    }

    @Test
    void a_pool_that_keeps_falling_alerts_once_per_level_on_its_way_down() {
        warning();
        assertThat(measure(15)).isEmpty();
        after(Duration.ofMinutes(5));
        assertThat(measure(15)).containsExactly(
                new Transition.Raise(AlertKind.LEVEL, PoolLevel.WARNING, PoolLevel.CRITICAL));
        after(Duration.ofMinutes(1));
        assertThat(measure(0)).containsExactly(
                new Transition.Raise(AlertKind.LEVEL, PoolLevel.CRITICAL, PoolLevel.EMPTY));
    }

    @Test
    void hysteresis_keeps_the_level_until_the_threshold_is_exceeded_by_the_recovery_margin() {
        warning();
        after(Duration.ofMinutes(1));
        assertThat(measure(105)).as("above 100 but not above 110").isEmpty();
        assertThat(state.level()).isEqualTo(PoolLevel.WARNING);
        assertThat(measure(110)).isEmpty();
        assertThat(measure(111)).containsExactly(new Transition.Resolve(AlertKind.LEVEL, PoolLevel.OK));
        assertThat(state.level()).isEqualTo(PoolLevel.OK);
    }

    @Test
    void a_pool_oscillating_around_a_threshold_raises_no_storm() {
        warning();
        for (int i = 0; i < 20; i++) {
            after(Duration.ofMinutes(10));
            assertThat(measure(i % 2 == 0 ? 99 : 105)).isEmpty();
        }
    }

    @Test
    void a_replenished_pool_resolves_its_alerts_and_recovers_to_ok_at_once() {
        measure(0);
        assertThat(measure(5000)).containsExactly(new Transition.Resolve(AlertKind.LEVEL, PoolLevel.OK));
        assertThat(state.level()).isEqualTo(PoolLevel.OK);
    }

    @Test
    void a_partly_refilled_pool_resolves_only_the_alerts_of_the_levels_it_left() {
        measure(0);
        assertThat(measure(50)).containsExactly(new Transition.Resolve(AlertKind.LEVEL, PoolLevel.WARNING));
        assertThat(state.level()).isEqualTo(PoolLevel.WARNING);
    }

    @Test
    void runway_below_the_lead_time_raises_one_runway_alert() {
        // 700 delivered in 7 days: 100 a day, 500 available is 5 days of runway (lead time 10).
        assertThat(measure(500, 700)).containsExactly(new Transition.Raise(AlertKind.RUNWAY, PoolLevel.OK, PoolLevel.OK));
        assertThat(state.runwayLow()).isTrue();
        after(Duration.ofMinutes(1));
        assertThat(measure(490, 700)).isEmpty();
    }

    @Test
    void the_runway_alert_resolves_only_above_the_lead_time_plus_the_margin() {
        measure(500, 700);
        assertThat(measure(1050, 700)).as("10.5 days, not above 11").isEmpty();
        assertThat(measure(1150, 700)).containsExactly(new Transition.Resolve(AlertKind.RUNWAY, PoolLevel.OK));
        assertThat(state.runwayLow()).isFalse();
    }

    @Test
    void a_pool_without_consumption_has_no_runway_alert() {
        assertThat(measure(500, 0)).isEmpty();
        assertThat(state.runwayLow()).isFalse();
    }

    @Test
    void percent_and_days_criteria_reach_a_level_as_well_as_counts() {
        var byShare = new PoolMeasurement(1, "Pool", Optional.empty(), 5, 95, 0, 0, Optional.empty());
        var byDays = new PoolMeasurement(1, "Pool", Optional.empty(), 400, 0, 0, 700, Optional.empty());
        assertThat(PoolStateMachine.levelOf(byShare, Thresholds.DEFAULTS, 1)).isEqualTo(PoolLevel.WARNING);
        assertThat(PoolStateMachine.levelOf(byDays, Thresholds.DEFAULTS, 1)).isEqualTo(PoolLevel.WARNING);
        assertThat(PoolStateMachine.levelOf(byDays, Thresholds.DEFAULTS, 1)).isNotEqualTo(PoolLevel.CRITICAL);
    }

    private void warning() {
        measure(90);
        after(Duration.ofMinutes(5));
        assertThat(measure(90)).hasSize(1);
        assertThat(state.level()).isEqualTo(PoolLevel.WARNING);
    }
}
