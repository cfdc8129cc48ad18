package com.devicecreds.portal.webhook;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A registered endpoint as its managers see it; the secret is never part of it.
 *
 * @param operator the operator whose events it receives; empty for a PKI-wide endpoint
 */
public record WebhookEndpoint(long id, Optional<String> operator, String name, String url, WebhookFormat format,
        Set<WebhookEventType> events, boolean enabled, String createdBy, Instant createdAt) {

    public WebhookEndpoint {
        events = Set.copyOf(events);
    }

    /** Who it is for, as people read it. */
    public String scope() {
        return operator.orElse("All operators (PKI-wide)");
    }
}
