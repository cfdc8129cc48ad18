package com.devicecreds.reporting.rollout;

import java.time.LocalDate;

/** One day of a rollout's window: first deliveries, re-deliveries and rejections for its operator and type. */
public record RolloutDay(LocalDate day, long delivered, long redelivered, long rejected) {
}
