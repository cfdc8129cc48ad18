package com.devicecreds.portal.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

import com.devicecreds.portal.lifecycle.PortalProcess;

/** Waits on a condition the test can observe (a health status, a row, a line), never on a fixed sleep. */
final class Waiting {

    private Waiting() {
    }

    static void until(String what, Duration limit, BooleanSupplier condition) {
        var end = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("Not within " + limit + ": " + what);
            }
            PortalProcess.pause(Duration.ofMillis(250));
        }
    }
}
