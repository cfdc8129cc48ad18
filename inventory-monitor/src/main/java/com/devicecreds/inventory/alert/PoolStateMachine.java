package com.devicecreds.inventory.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.devicecreds.inventory.threshold.Thresholds;

/**
 * The per-pool state machine OK → WARNING → CRITICAL → EMPTY and back, without Spring or a
 * database (docs/decisions/010-inventory-alerts.md):
 * <ul>
 * <li>a worse level alerts only once it has held for the pending period; EMPTY alerts at once;</li>
 * <li>a better level needs the thresholds exceeded by the recovery margin (hysteresis), and
 * resolves the alerts of the worse levels at once;</li>
 * <li>each transition yields exactly one raise, so an unchanged pool never alerts again;</li>
 * <li>RUNWAY is raised once when days of runway fall below the lead time, and resolved when they
 * are back above lead time plus margin (not raised for an empty pool, whose EMPTY alert says more).</li>
 * </ul>
 */
final class PoolStateMachine {

    record Evaluation(PoolState next, List<Transition> transitions) {
    }

    Evaluation evaluate(PoolState previous, PoolMeasurement pool, Thresholds thresholds, Instant now) {
        var transitions = new ArrayList<Transition>();
        var next = level(previous, pool, thresholds, now, transitions);
        next = runway(next, pool, thresholds, transitions);
        return new Evaluation(next, List.copyOf(transitions));
    }

    private PoolState level(PoolState previous, PoolMeasurement pool, Thresholds thresholds, Instant now,
            List<Transition> transitions) {
        var current = previous.level();
        var measured = levelOf(pool, thresholds, 1.0);
        if (measured.isWorseThan(current)) {
            var since = previous.pendingSince().orElse(now);
            boolean held = !Duration.between(since, now).minus(thresholds.pendingPeriod()).isNegative();
            if (measured == PoolLevel.EMPTY || held) {
                transitions.add(new Transition.Raise(AlertKind.LEVEL, current, measured));
                return previous.settled(measured);
            }
            return previous.pending(measured, since);
        }
        // Not worse: any pending breach is over. Recover only past the thresholds plus the margin.
        var recovered = levelOf(pool, thresholds, thresholds.recoveryFactor());
        if (current.isWorseThan(recovered)) {
            transitions.add(new Transition.Resolve(AlertKind.LEVEL, recovered));
            return previous.settled(recovered);
        }
        return previous.settled(current);
    }

    private PoolState runway(PoolState state, PoolMeasurement pool, Thresholds thresholds,
            List<Transition> transitions) {
        double runway = pool.runwayDays();
        // An empty pool has its EMPTY alert; a runway alert on top would say the same twice.
        if (!state.runwayLow() && runway < thresholds.leadTimeDays() && state.level() != PoolLevel.EMPTY) {
            transitions.add(new Transition.Raise(AlertKind.RUNWAY, state.level(), state.level()));
            return state.withRunwayLow(true);
        }
        if (state.runwayLow() && runway > thresholds.leadTimeDays() * thresholds.recoveryFactor()) {
            transitions.add(new Transition.Resolve(AlertKind.RUNWAY, state.level()));
            return state.withRunwayLow(false);
        }
        return state;
    }

    /** The level the measurement reaches with every threshold widened by {@code factor}. */
    static PoolLevel levelOf(PoolMeasurement pool, Thresholds thresholds, double factor) {
        if (pool.available() == 0) {
            return PoolLevel.EMPTY;
        }
        if (thresholds.critical().isReachedBy(pool.available(), pool.loaded(), pool.runwayDays(), factor)) {
            return PoolLevel.CRITICAL;
        }
        if (thresholds.warning().isReachedBy(pool.available(), pool.loaded(), pool.runwayDays(), factor)) {
            return PoolLevel.WARNING;
        }
        return PoolLevel.OK;
    }
}
