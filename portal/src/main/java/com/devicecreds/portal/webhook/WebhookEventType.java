package com.devicecreds.portal.webhook;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What an endpoint can subscribe to (docs/webhooks.md). Operator events belong to one operator and
 * reach that operator's endpoints and the PKI-wide ones; PKI-wide events (credential batches) reach
 * PKI-wide endpoints only.
 */
public enum WebhookEventType {

    POOL_ALERT_RAISED("pool.alert.raised", "Pool alert raised", false),
    POOL_ALERT_RESOLVED("pool.alert.resolved", "Pool alert resolved", false),
    BATCH_AWAITING_APPROVAL("batch.awaiting_approval", "Batch awaiting approval", true),
    BATCH_ACTIVATED("batch.activated", "Batch activated", true),
    ROLLOUT_GO_AHEAD("rollout.go_ahead", "Go-ahead sent", false),
    REPORT_READY("report.ready", "Scheduled report ready", false),
    /** Sent by "Send test event" to one endpoint; nobody subscribes to it. */
    TEST("test", "Test event", false);

    private final String code;
    private final String label;
    private final boolean pkiWide;

    WebhookEventType(String code, String label, boolean pkiWide) {
        this.code = code;
        this.label = label;
        this.pkiWide = pkiWide;
    }

    /** The name in the JSON event's {@code type} and in the {@code X-Portal-Event} header. */
    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    /** Whether only PKI-wide endpoints may subscribe to it. */
    public boolean pkiWide() {
        return pkiWide;
    }

    /** The types an endpoint may subscribe to: PKI-wide endpoints all, an operator's endpoints its operator's. */
    public static List<WebhookEventType> subscribable(boolean forOperator) {
        return Arrays.stream(values()).filter(t -> t != TEST && !(forOperator && t.pkiWide)).toList();
    }

    public static Optional<WebhookEventType> ofCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }
}
