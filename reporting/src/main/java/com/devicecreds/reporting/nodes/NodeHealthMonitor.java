package com.devicecreds.reporting.nodes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Watches the provisioning server nodes through their events, run by a clustered job every
 * {@code reporting.nodes.interval}: a node that sent nothing for {@code silent-after} is silent; a
 * node whose rejection rate over the window is {@code spike-factor} times its usual rate (and
 * {@code spike-margin} above it, over at least {@code spike-minimum} requests) spikes. Each condition
 * raises exactly one alert when it starts and resolves it when it ends, publishing
 * {@link NodeAlert.Raised} and {@link NodeAlert.Resolved} in the same transaction (the portal turns
 * them into notifications).
 */
@Component
public class NodeHealthMonitor {

    public static final String SILENT = "silent";
    public static final String SPIKE = "rejection-spike";

    private final NodeStatistics statistics;
    private final NodeHealthProperties settings;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    NodeHealthMonitor(NodeStatistics statistics, NodeHealthProperties settings, Clock clock,
            ApplicationEventPublisher events) {
        this.statistics = statistics;
        this.settings = settings;
        this.clock = clock;
        this.events = events;
    }

    @Transactional
    public void evaluate() {
        Instant now = clock.instant();
        statistics.recordSightings(now, settings.window());
        Map<String, NodeStatistics.Window> windows = statistics.window(now, settings.window());
        Map<String, Double> usual = statistics.usualRejectionRates(now);
        for (var node : statistics.nodes()) {
            Duration quiet = Duration.between(node.lastSeen(), now);
            decide(node.name(), SILENT, quiet.compareTo(settings.silentAfter()) > 0, now,
                    "%s has sent no provisioning event for %d minutes (last at %s)".formatted(node.name(),
                            quiet.toMinutes(), node.lastSeen()));
            var window = windows.get(node.name());
            double base = usual.getOrDefault(node.name(), 0.0);
            boolean spiking = window != null && window.requests() >= settings.spikeMinimum()
                    && window.rejectionRate() >= base * settings.spikeFactor()
                    && window.rejectionRate() - base >= settings.spikeMargin();
            decide(node.name(), SPIKE, spiking, now, window == null ? "" : "%s rejects %s of its requests over the last %d minutes (%d of %d), usually %s"
                    .formatted(node.name(), percent(window.rejectionRate()), settings.window().toMinutes(),
                            window.rejected(), window.requests(), percent(base)));
        }
    }

    private void decide(String node, String kind, boolean condition, Instant now, String summary) {
        if (condition) {
            statistics.raise(node, kind, now, summary).ifPresent(alert -> events.publishEvent(new NodeAlert.Raised(alert)));
        } else {
            statistics.resolve(node, kind, now).ifPresent(alert -> events.publishEvent(new NodeAlert.Resolved(alert)));
        }
    }

    static String percent(double rate) {
        return String.format(Locale.ROOT, "%.1f %%", rate * 100);
    }
}
