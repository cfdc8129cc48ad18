package com.devicecreds.portal.webhook;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One event for one endpoint, with its attempts so far.
 *
 * @param deliveryId  the {@code X-Portal-Delivery} header, the same on every attempt
 * @param lastStatus  the HTTP status of the last attempt, empty when it got no answer
 * @param nextAttempt when it is tried again; empty once delivered or given up
 */
public record WebhookDelivery(long id, UUID deliveryId, String eventType, Instant createdAt, Status status, int attempts,
        Optional<Integer> lastStatus, Optional<String> lastError, Optional<Instant> nextAttempt, Optional<Instant> deliveredAt) {

    public enum Status {
        PENDING("Pending"), DELIVERED("Delivered"), RETRYING("Retrying"), DEAD("Given up");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
