package com.devicecreds.portal.webhook;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.devicecreds.access.OperatorRef;
import com.devicecreds.portal.PortalProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Queues webhook events in the caller's transaction (the outbox's first half): the event row commits
 * with what it reports, or not at all. The sender fans it out to endpoints later, as the system.
 */
@Component
public class WebhookEvents {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final PortalProperties.Notifications links;
    private final Clock clock;

    WebhookEvents(JdbcClient jdbc, JsonMapper json, PortalProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.links = properties.notifications();
        this.clock = clock;
    }

    /**
     * Queues one event for every endpoint that subscribed to it and may receive it.
     *
     * @param operator whose event it is; empty for a PKI-wide event
     * @param route    a route inside the portal that shows what happened, sent as an absolute link
     * @param data     facts of the event for machines (ids, counts), in the JSON event's {@code data}
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID raise(WebhookEventType type, Optional<OperatorRef> operator, String title, String text,
            Optional<String> route, Map<String, ?> data) {
        return insert(type, operator, title, text, route, data, null);
    }

    /** A test event for one endpoint only, of that endpoint's operator. */
    @Transactional(propagation = Propagation.MANDATORY)
    UUID raiseTest(long endpointId, Optional<OperatorRef> operator) {
        return insert(WebhookEventType.TEST, operator, "Test event from the credentials portal",
                "This is a test event sent with \"Send test event\". If you read it, the endpoint works.",
                Optional.of("webhooks"), Map.of("endpointId", endpointId), endpointId);
    }

    private UUID insert(WebhookEventType type, Optional<OperatorRef> operator, String title, String text,
            Optional<String> route, Map<String, ?> data, Long testEndpoint) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        var document = new LinkedHashMap<String, Object>();
        document.put("id", id.toString());
        document.put("type", type.code());
        document.put("occurredAt", now.toString());
        document.put("operator", operator.map(OperatorRef::code).orElse(null));
        document.put("title", title);
        document.put("text", text);
        document.put("link", route.map(links::link).orElse(null));
        document.put("data", new LinkedHashMap<>(data));
        jdbc.sql("""
                        insert into webhook_event (event_id, type, operator_id, occurred_at, payload, test_endpoint_id)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(id, type.code(), operator.map(OperatorRef::id).orElse(null), Timestamp.from(now),
                        json.writeValueAsString(document), testEndpoint)
                .update();
        return id;
    }
}
