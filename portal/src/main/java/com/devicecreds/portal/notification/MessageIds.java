package com.devicecreds.portal.notification;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The stable Message-ID of one notification's e-mail to one recipient: the same on every retry
 * and on every node, so a receiver can drop a copy that arrives twice after a crash mid-send.
 */
final class MessageIds {

    private MessageIds() {
    }

    static String of(long notificationId, String recipient) {
        return "<notification-" + notificationId + "." + hash(recipient) + "@credentials-portal>";
    }

    private static String hash(String recipient) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(recipient.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
