package com.devicecreds.portal.webhook;

import java.util.Map;
import java.util.Optional;

import com.devicecreds.inventory.loading.batch.BatchActivated;
import com.devicecreds.inventory.loading.batch.BatchAwaitingApproval;
import com.devicecreds.portal.notification.NotificationPublished;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Where the events come from. Pool alerts, go-aheads and scheduled reports already notify people
 * through the notification outbox: their notification becomes a webhook event in the same
 * transaction, with the notification's operator as the event's. Credential batches notify nobody,
 * so their domain events are turned into PKI-wide webhook events before their transaction commits.
 */
@Component
class WebhookEventSources {

    /** Notification source kinds (decision 009) and the webhook event each one is. */
    private static final Map<String, WebhookEventType> FROM_NOTIFICATIONS = Map.of(
            "pool-alert-raised", WebhookEventType.POOL_ALERT_RAISED,
            "pool-alert-resolved", WebhookEventType.POOL_ALERT_RESOLVED,
            "rollout-go-ahead", WebhookEventType.ROLLOUT_GO_AHEAD,
            "scheduled-report", WebhookEventType.REPORT_READY);
    private static final Map<WebhookEventType, String> ID_NAMES = Map.of(
            WebhookEventType.POOL_ALERT_RAISED, "alertId", WebhookEventType.POOL_ALERT_RESOLVED, "alertId",
            WebhookEventType.ROLLOUT_GO_AHEAD, "rolloutId", WebhookEventType.REPORT_READY, "reportDeliveryId");

    private final WebhookEvents events;

    WebhookEventSources(WebhookEvents events) {
        this.events = events;
    }

    @EventListener
    void on(NotificationPublished published) {
        var request = published.request();
        WebhookEventType type = FROM_NOTIFICATIONS.get(request.sourceKind());
        if (type != null) {
            events.raise(type, request.operator(), request.title(), request.body(), request.link(),
                    Map.of(ID_NAMES.get(type), request.sourceId()));
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(BatchAwaitingApproval batch) {
        events.raise(WebhookEventType.BATCH_AWAITING_APPROVAL, Optional.empty(),
                "Batch %s waits for approval".formatted(batch.batchRef()),
                "Batch %s (%s, %,d credentials), submitted by %s, waits for %d approval(s) by PKI operations."
                        .formatted(batch.batchRef(), batch.typeName(), batch.recordCount(), batch.submittedBy(),
                                batch.approvalsRequired()),
                Optional.of("loading/approvals/" + batch.batchId()),
                Map.of("batchId", batch.batchId(), "batchRef", batch.batchRef(), "credentialTypeId", batch.credentialTypeId(),
                        "recordCount", batch.recordCount(), "approvalsRequired", batch.approvalsRequired()));
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(BatchActivated batch) {
        events.raise(WebhookEventType.BATCH_ACTIVATED, Optional.empty(), "Batch %s activated".formatted(batch.batchRef()),
                "Batch %s was activated: its %,d credentials are available.".formatted(batch.batchRef(), batch.recordCount()),
                Optional.of("inventory/" + batch.credentialTypeId()),
                Map.of("batchId", batch.batchId(), "batchRef", batch.batchRef(), "credentialTypeId", batch.credentialTypeId(),
                        "recordCount", batch.recordCount()));
    }
}
