package com.devicecreds.portal.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Portal-Signature} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256>}, the MAC keyed
 * with the endpoint's secret (its UTF-8 bytes, as shown) over {@code <t>.<raw body>}. Receivers
 * recompute it and refuse a timestamp older than a few minutes (docs/webhooks.md).
 */
public final class WebhookSignature {

    public static final String HEADER = "X-Portal-Signature";
    public static final String DELIVERY_HEADER = "X-Portal-Delivery";
    public static final String EVENT_HEADER = "X-Portal-Event";

    private WebhookSignature() {
    }

    public static String header(String secret, long unixSeconds, String body) {
        return "t=" + unixSeconds + ",v1=" + hmac(secret, unixSeconds + "." + body);
    }

    static String hmac(String secret, String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
