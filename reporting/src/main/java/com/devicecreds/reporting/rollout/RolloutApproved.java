package com.devicecreds.reporting.rollout;

/** Published in the approval's transaction: a rollout was approved, so its go-ahead may be due now. */
public record RolloutApproved(long rolloutId) {
}
