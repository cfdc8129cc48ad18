package com.devicecreds.portal.webhook.ui;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import com.devicecreds.portal.webhook.WebhookDelivery;
import com.devicecreds.portal.webhook.WebhookEventType;
import com.devicecreds.portal.webhook.WebhookService;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;

/** One endpoint's deliveries, newest first, loaded page by page: status, attempts, the last answer, the next try. */
class DeliveryHistory extends Grid<WebhookDelivery> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final WebhookService webhooks;

    DeliveryHistory(WebhookService webhooks) {
        this.webhooks = webhooks;
        addClassName("webhook-deliveries");
        addColumn(d -> TIME.format(d.createdAt())).setHeader("Queued (UTC)").setFlexGrow(2);
        addColumn(d -> WebhookEventType.ofCode(d.eventType()).map(WebhookEventType::label).orElse(d.eventType()))
                .setHeader("Event").setFlexGrow(2);
        addColumn(d -> d.status().label()).setHeader("Status").setFlexGrow(1)
                .setPartNameGenerator(d -> d.status() == WebhookDelivery.Status.DEAD ? "failed" : null);
        addColumn(WebhookDelivery::attempts).setHeader("Attempts").setFlexGrow(0).setWidth("110px");
        // A failure's error names its status itself ("HTTP 503", "HTTP 302: redirects are not followed").
        addColumn(d -> d.lastError().or(() -> d.lastStatus().map(s -> "HTTP " + s)).orElse(""))
                .setHeader("Last answer / error").setFlexGrow(4);
        addColumn(d -> d.deliveredAt().map(at -> "Delivered " + TIME.format(at))
                .or(() -> d.nextAttempt().map(DeliveryHistory::next)).orElse("")).setHeader("Delivered / next attempt")
                .setFlexGrow(2);
        addColumn(d -> d.deliveryId().toString()).setHeader("Delivery ID").setFlexGrow(3);
        addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        setEmptyStateText("Nothing delivered to this endpoint yet.");
        setHeight("320px");
    }

    void show(long endpointId) {
        setItems(query -> webhooks.deliveries(endpointId, query.getOffset(), query.getLimit()).stream());
    }

    private static String next(Instant at) {
        return "Next " + TIME.format(at);
    }
}
