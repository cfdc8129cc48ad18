package com.devicecreds.portal.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import javax.net.ssl.SSLContext;

/**
 * Posts one delivery. Redirects are never followed (a 3xx is a failed attempt), so a delivery goes
 * to the registered host only; connection and request have time limits. Production trusts the
 * JVM's default certificate authorities.
 */
class WebhookClient {

    private final HttpClient http;
    private final Duration requestTimeout;

    WebhookClient(SSLContext tls, Duration connectTimeout, Duration requestTimeout) {
        this.http = HttpClient.newBuilder().sslContext(tls).connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
        this.requestTimeout = requestTimeout;
    }

    /** The HTTP status; an exception when no answer came. */
    int post(URI url, String body, String signature, String deliveryId, String eventType) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(url).timeout(requestTimeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "credentials-portal-webhooks/1")
                .header(WebhookSignature.HEADER, signature)
                .header(WebhookSignature.DELIVERY_HEADER, deliveryId)
                .header(WebhookSignature.EVENT_HEADER, eventType)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
