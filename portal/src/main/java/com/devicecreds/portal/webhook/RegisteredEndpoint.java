package com.devicecreds.portal.webhook;

/** A new endpoint and its signing secret, which is shown this once and never again. */
public record RegisteredEndpoint(WebhookEndpoint endpoint, String secret) {
}
