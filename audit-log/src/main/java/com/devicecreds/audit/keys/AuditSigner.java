package com.devicecreds.audit.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import com.devicecreds.audit.internal.CanonicalForm;

/**
 * Signs anchors, purge records and exports with the audit trail's Ed25519 key, which is not the chain's
 * HMAC key: whoever holds the chain key can recompute rows but cannot sign for them, and auditors check
 * signatures with the public key alone (docs/decisions/024-insider-threat-model.md). A signed line is
 * canonical JSON whose field {@code kid} names the key and {@code sig} holds the signature of the
 * canonical form of all other fields.
 */
public final class AuditSigner {

    public static final String KEY_ID = "kid";
    public static final String SIGNATURE = "sig";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    private AuditSigner(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = Ed25519Pem.keyId(publicKey);
        String probe = signedLine(Map.of("probe", "signing key"));
        if (PublicKeyring.of(java.util.List.of(publicKey)).check(probe).fields().isEmpty()) {
            throw new IllegalArgumentException("the public key in the signing key file does not belong to its private key");
        }
    }

    /** Reads a file holding the PKCS#8 private key and its public key, two PEM blocks. */
    public static AuditSigner read(Path file) {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the audit signing key " + file, e);
        }
        var publicKeys = Ed25519Pem.publicKeys(pem);
        if (publicKeys.size() != 1) {
            throw new IllegalArgumentException("The audit signing key file " + file
                    + " must hold the private key and its public key (openssl pkey -in key.pem -pubout >> key.pem)");
        }
        return new AuditSigner(Ed25519Pem.privateKey(pem), publicKeys.getFirst());
    }

    /**
     * Makes a new key pair, writes it to the file (owner only) and its public key beside it, in
     * {@code <file>.pub}, for auditors. For local runs; production brings its own key.
     */
    public static AuditSigner generate(Path file) {
        try {
            var pair = KeyPairGenerator.getInstance(Ed25519Pem.ALGORITHM).generateKeyPair();
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            String publicPem = Ed25519Pem.pem("PUBLIC KEY", pair.getPublic().getEncoded());
            Files.writeString(file, Ed25519Pem.pem("PRIVATE KEY", pair.getPrivate().getEncoded()) + publicPem,
                    StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // a file system without POSIX permissions keeps its defaults
            }
            Files.writeString(publicFile(file), publicPem, StandardCharsets.US_ASCII);
            return new AuditSigner(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 unavailable", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the audit signing key " + file, e);
        }
    }

    /** Where {@link #generate} puts the public key of a key file. */
    public static Path publicFile(Path keyFile) {
        return keyFile.resolveSibling(keyFile.getFileName() + ".pub");
    }

    public String keyId() {
        return keyId;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The fields as one line of canonical JSON, with this key's id and its signature added. */
    public String signedLine(Map<String, String> fields) {
        if (fields.containsKey(KEY_ID) || fields.containsKey(SIGNATURE)) {
            throw new IllegalArgumentException("the fields '" + KEY_ID + "' and '" + SIGNATURE + "' are reserved");
        }
        var signed = new LinkedHashMap<>(fields);
        signed.put(KEY_ID, keyId);
        try {
            var signature = Signature.getInstance(Ed25519Pem.ALGORITHM);
            signature.initSign(privateKey);
            signature.update(CanonicalForm.json(signed).getBytes(StandardCharsets.UTF_8));
            signed.put(SIGNATURE, HexFormat.of().formatHex(signature.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not sign with the audit signing key", e);
        }
        return CanonicalForm.json(signed);
    }
}
