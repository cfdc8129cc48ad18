package com.devicecreds.portal.notification;

import java.time.Instant;
import java.util.Optional;

/** One notification as the current user sees it. */
public record NotificationItem(long id, Instant createdAt, String title, String body, Optional<String> link,
        boolean read) {
}
