package com.devicecreds.portal.webhook;

import java.util.Set;

/** What a person fills in to register an endpoint; whose it is follows from who registers it. */
public record EndpointDraft(String name, String url, WebhookFormat format, Set<WebhookEventType> events) {

    public EndpointDraft {
        events = events == null ? Set.of() : Set.copyOf(events);
    }
}
