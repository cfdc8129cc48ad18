package com.devicecreds.portal.notification;

/**
 * A notification was recorded, published synchronously inside the publisher's transaction (plain
 * {@code @EventListener}s write in it and commit or roll back with it). Not published again for a
 * cause that was already notified.
 */
public record NotificationPublished(long notificationId, NotificationRequest request) {
}
