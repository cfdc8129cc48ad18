package com.devicecreds.reporting.nodes;

import java.time.Instant;
import java.util.Optional;

/** A health alert of one server node. {@code kind} is {@code silent} or {@code rejection-spike}. */
public record NodeAlert(long id, String node, String kind, Instant raisedAt, String summary,
        Optional<Instant> resolvedAt) {

    /** Published in the transaction that raised the alert. */
    public record Raised(NodeAlert alert) {
    }

    /** Published in the transaction that resolved the alert. */
    public record Resolved(NodeAlert alert) {
    }
}
