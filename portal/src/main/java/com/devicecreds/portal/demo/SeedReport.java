package com.devicecreds.portal.demo;

import java.time.Duration;
import java.util.Map;

/**
 * What seeding the demo world made and how long each phase took.
 *
 * @param counts rows per table or kind of thing, in the order they were made
 * @param phases wall time of each phase; the parallel copies overlap each other
 */
record SeedReport(Map<String, Long> counts, Map<String, Duration> phases, Duration total) {

    SeedReport {
        counts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(counts));
        phases = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(phases));
    }
}
