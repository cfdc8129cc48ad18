package com.devicecreds.inventory.alert;

import java.time.Instant;
import java.util.Optional;

/**
 * What the alert engine remembers of one pool between evaluations.
 *
 * @param level        the level last alerted on (or recovered to)
 * @param pendingLevel a worse level measured but not yet held for the pending period
 * @param pendingSince when the pool first measured worse than {@code level}
 * @param runwayLow    a RUNWAY alert is open: runway fell below the lead time
 */
record PoolState(PoolLevel level, Optional<PoolLevel> pendingLevel, Optional<Instant> pendingSince,
        boolean runwayLow) {

    static final PoolState INITIAL = new PoolState(PoolLevel.OK, Optional.empty(), Optional.empty(), false);

    PoolState settled(PoolLevel newLevel) {
        return new PoolState(newLevel, Optional.empty(), Optional.empty(), runwayLow);
    }

    PoolState pending(PoolLevel worse, Instant since) {
        return new PoolState(level, Optional.of(worse), Optional.of(since), runwayLow);
    }

    PoolState withRunwayLow(boolean low) {
        return new PoolState(level, pendingLevel, pendingSince, low);
    }
}
