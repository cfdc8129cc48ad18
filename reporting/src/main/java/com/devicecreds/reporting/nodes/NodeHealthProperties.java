package com.devicecreds.reporting.nodes;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When a provisioning server node is unwell.
 *
 * @param window       the recent stretch of events the rates are taken over
 * @param silentAfter  a node that sent no event for this long is silent
 * @param spikeFactor  a rejection rate this many times the node's own rate of the last seven days is a spike...
 * @param spikeMargin  ...and at least this much above it (0.10 = ten percentage points)...
 * @param spikeMinimum ...over at least this many requests in the window
 * @param interval     how often the monitor runs
 */
@ConfigurationProperties(prefix = "reporting.nodes")
public record NodeHealthProperties(@DefaultValue("15m") Duration window, @DefaultValue("10m") Duration silentAfter,
        @DefaultValue("3") double spikeFactor, @DefaultValue("0.10") double spikeMargin,
        @DefaultValue("50") int spikeMinimum, @DefaultValue("1m") Duration interval) {

    public NodeHealthProperties {
        if (window.toMinutes() < 1 || silentAfter.toMinutes() < 1 || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("reporting.nodes.window and .silent-after must be at least a minute, "
                    + ".interval positive");
        }
        if (spikeFactor < 1 || spikeMargin < 0 || spikeMargin >= 1 || spikeMinimum < 1) {
            throw new IllegalArgumentException("reporting.nodes.spike-factor must be >= 1, .spike-margin in [0, 1), "
                    + ".spike-minimum >= 1");
        }
    }
}
