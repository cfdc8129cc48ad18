package com.devicecreds.reporting.rollout;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import com.devicecreds.access.OperatorRef;

/**
 * A rollout as the portal shows it: what was planned, who decided what, and the facts its stage
 * comes from.
 */
public record Rollout(long id, OperatorRef operator, String operatorName, int credentialTypeId, String typeName,
        String name, int targetDevices, LocalDate windowStart, LocalDate windowEnd, String projectManagerEmail,
        String createdBy, Instant createdAt, Optional<String> approvedBy, Optional<String> acknowledgedBy,
        Optional<String> cancelledBy, Optional<String> cancelReason, RolloutFacts facts) {

    public RolloutStage stage() {
        return facts.stage();
    }

    /** Delivered against target as a fraction, at most 1. */
    public double progress() {
        return Math.min(1.0, facts.delivered() / (double) targetDevices);
    }
}
