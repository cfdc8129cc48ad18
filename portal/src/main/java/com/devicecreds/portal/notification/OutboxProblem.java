package com.devicecreds.portal.notification;

import java.time.Instant;
import java.util.Optional;

/**
 * An e-mail that has not gone out at the first try: still retrying ({@code failedAt} empty) or given up.
 */
public record OutboxProblem(long id, String recipient, String subject, String messageId, int attempts,
        Optional<String> lastError, Optional<Instant> nextAttemptAt, Optional<Instant> failedAt) {
}
