package com.devicecreds.audit.keys;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Ed25519 keys in PEM, as {@code openssl genpkey -algorithm ed25519} and {@code openssl pkey -pubout}
 * write them, and the key id every signed line names: the first 16 hex digits of the SHA-256 of the
 * public key's X.509 encoding, so an auditor can tell which public key to use without a registry.
 */
public final class Ed25519Pem {

    public static final String ALGORITHM = "Ed25519";
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");

    private Ed25519Pem() {
    }

    /** Every {@code PUBLIC KEY} block of the text, in order. */
    public static List<PublicKey> publicKeys(String pem) {
        var keys = new ArrayList<PublicKey>();
        for (byte[] der : blocks(pem, "PUBLIC KEY")) {
            keys.add(publicKey(der));
        }
        return keys;
    }

    /** The one {@code PRIVATE KEY} block (PKCS#8) of the text. */
    public static PrivateKey privateKey(String pem) {
        var blocks = blocks(pem, "PRIVATE KEY");
        if (blocks.size() != 1) {
            throw new IllegalArgumentException("expected exactly one PRIVATE KEY block, found " + blocks.size());
        }
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(blocks.getFirst()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 private key: " + e.getMessage(), e);
        }
    }

    public static String keyId(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static PublicKey publicKey(byte[] der) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    private static List<byte[]> blocks(String pem, String type) {
        var found = new ArrayList<byte[]>();
        var matcher = BLOCK.matcher(pem);
        while (matcher.find()) {
            if (matcher.group(1).equals(type)) {
                found.add(Base64.getMimeDecoder().decode(matcher.group(2)));
            }
        }
        return found;
    }
}
