package com.devicecreds.portal.webhook;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.devicecreds.portal.PortalProperties;
import org.springframework.stereotype.Component;

/**
 * Signing secrets of endpoints: made here (256 random bits), encrypted at rest with AES-256-GCM
 * under {@code portal.webhooks.secret-key}, and opened only to sign a delivery. A copy of the table
 * without the key reveals no secret (decision 034).
 */
@Component
class WebhookSecrets {

    /** Every secret starts with this, so that secret scanners and people can recognize one. */
    static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE = 12;

    private final SecretKeySpec key;

    WebhookSecrets(PortalProperties properties) {
        String configured = properties.webhooks().secretKey();
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(configured);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("portal.webhooks.secret-key is not base64", e);
        }
        if (raw.length != 32) {
            throw new IllegalStateException("portal.webhooks.secret-key must be base64 of 32 bytes (AES-256), not "
                    + raw.length + " bytes; make one with: openssl rand -base64 32");
        }
        this.key = new SecretKeySpec(raw, "AES");
    }

    static String generate() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    byte[] encrypt(String secret) {
        try {
            byte[] nonce = new byte[NONCE];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not encrypt a webhook secret", e);
        }
    }

    String decrypt(byte[] stored) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, stored, 0, NONCE));
            return new String(cipher.doFinal(stored, NONCE, stored.length - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A webhook secret does not open with portal.webhooks.secret-key "
                    + "(was the key changed?)", e);
        }
    }
}
