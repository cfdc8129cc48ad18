package com.devicecreds.portal.webhook;

import java.util.Arrays;

/** How a delivery's body is written for its endpoint. */
public enum WebhookFormat {

    /** The documented JSON event (docs/webhooks.md), for the receiver's own code. */
    JSON("json", "JSON event"),
    /** A Slack incoming webhook message: {@code text} and blocks. */
    SLACK("slack", "Slack incoming webhook"),
    /** A Microsoft Teams incoming webhook message: a MessageCard. */
    TEAMS("teams", "Microsoft Teams incoming webhook");

    private final String code;
    private final String label;

    WebhookFormat(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    static WebhookFormat ofCode(String code) {
        return Arrays.stream(values()).filter(f -> f.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown webhook format " + code));
    }
}
