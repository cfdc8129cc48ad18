package com.devicecreds.portal.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.devicecreds.portal.PortalProperties;

/** Exponential back-off: base, 2 x base, 4 x base ... up to the cap; nothing after the last attempt. */
public record RetryPolicy(Duration base, Duration cap, int maxAttempts) {

    static RetryPolicy of(PortalProperties.Notifications settings) {
        return new RetryPolicy(settings.retryBase(), settings.retryCap(), settings.maxAttempts());
    }

    /** When to try again after the given number of failed attempts (1 after the first failure). */
    public Optional<Instant> nextAttempt(int failedAttempts, Instant now) {
        if (failedAttempts >= maxAttempts) {
            return Optional.empty();
        }
        int doublings = Math.min(failedAttempts - 1, 30);
        Duration wait = base.multipliedBy(1L << doublings);
        return Optional.of(now.plus(wait.compareTo(cap) > 0 ? cap : wait));
    }
}
