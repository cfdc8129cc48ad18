package com.devicecreds.reporting.nodes;

import java.time.Instant;
import java.util.List;

/**
 * One server node now: requests per minute and rejection rate over the monitor's window, its own
 * rejection rate of the last seven days, the rejections of the window by reason (most first), when
 * it was last seen, and its open alerts.
 */
public record NodeHealth(String node, Instant firstSeen, Instant lastSeen, double requestsPerMinute,
        long windowRequests, double rejectionRate, double usualRejectionRate, List<ReasonShare> reasons,
        List<NodeAlert> openAlerts) {

    public boolean healthy() {
        return openAlerts.isEmpty();
    }

    public record ReasonShare(String reason, long count) {
    }
}
