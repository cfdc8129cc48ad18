package com.devicecreds.reporting.nodes;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.Roles;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The provisioning server nodes for the admin console. Nodes serve every operator, so this is the
 * provider's view: PKI operations, administrators and auditors.
 */
@Service
@Transactional(readOnly = true)
public class NodeHealthService {

    private final NodeStatistics statistics;
    private final NodeHealthProperties settings;
    private final Clock clock;

    NodeHealthService(NodeStatistics statistics, NodeHealthProperties settings, Clock clock) {
        this.statistics = statistics;
        this.settings = settings;
        this.clock = clock;
    }

    @RolesAllowed({Roles.PKI_OPS, Roles.ADMIN, Roles.AUDITOR})
    public List<NodeHealth> nodes() {
        Instant now = clock.instant();
        var windows = statistics.window(now, settings.window());
        var usual = statistics.usualRejectionRates(now);
        var open = statistics.openAlerts();
        double minutes = settings.window().toSeconds() / 60.0;
        return statistics.nodes().stream().map(node -> {
            var window = windows.getOrDefault(node.name(), new NodeStatistics.Window(0, 0, java.util.Map.of()));
            return new NodeHealth(node.name(), node.firstSeen(), node.lastSeen(), window.requests() / minutes,
                    window.requests(), window.rejectionRate(), usual.getOrDefault(node.name(), 0.0),
                    NodeStatistics.reasons(window), open.stream().filter(a -> a.node().equals(node.name())).toList());
        }).toList();
    }

    @RolesAllowed({Roles.PKI_OPS, Roles.ADMIN, Roles.AUDITOR})
    public List<NodeAlert> recentAlerts(int limit) {
        return statistics.recentAlerts(Math.clamp(limit, 1, 500));
    }

    /** The settings the page explains its figures with. */
    @RolesAllowed({Roles.PKI_OPS, Roles.ADMIN, Roles.AUDITOR})
    public NodeHealthProperties settings() {
        return settings;
    }
}
