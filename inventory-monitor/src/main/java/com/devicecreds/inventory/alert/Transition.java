package com.devicecreds.inventory.alert;

/** What an evaluation asks the engine to do: raise exactly one alert, or resolve open ones. */
sealed interface Transition {

    /** Raise one alert of this kind for the move from one level to another. */
    record Raise(AlertKind kind, PoolLevel from, PoolLevel to) implements Transition {
    }

    /**
     * Resolve the open alerts of this kind that no longer hold: for LEVEL, those whose level is
     * worse than {@code level}; for RUNWAY, all of them.
     */
    record Resolve(AlertKind kind, PoolLevel level) implements Transition {
    }
}
