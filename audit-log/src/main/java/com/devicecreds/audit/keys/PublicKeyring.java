package com.devicecreds.audit.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.devicecreds.audit.internal.CanonicalForm;

/**
 * The public keys that lines signed by {@link AuditSigner} are checked with: the current key and every
 * earlier one, so that anchors and exports signed before a rotation still verify.
 */
public final class PublicKeyring {

    private final Map<String, PublicKey> keys;

    private PublicKeyring(Map<String, PublicKey> keys) {
        this.keys = Map.copyOf(keys);
    }

    public static PublicKeyring of(Collection<PublicKey> publicKeys) {
        var keys = new HashMap<String, PublicKey>();
        publicKeys.forEach(k -> keys.put(Ed25519Pem.keyId(k), k));
        return new PublicKeyring(keys);
    }

    /** Every public key in the PEM files (one or more {@code PUBLIC KEY} blocks each). */
    public static PublicKeyring read(List<Path> files) {
        var keys = new java.util.ArrayList<PublicKey>();
        for (Path file : files) {
            try {
                keys.addAll(Ed25519Pem.publicKeys(Files.readString(file, StandardCharsets.US_ASCII)));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read the audit public keys in " + file, e);
            }
        }
        return of(keys);
    }

    public PublicKeyring with(PublicKey key) {
        var more = new HashMap<>(keys);
        more.put(Ed25519Pem.keyId(key), key);
        return new PublicKeyring(more);
    }

    public Set<String> keyIds() {
        return keys.keySet();
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** The fields of a signed line (without the signature), or why it is not one signed by a key of this ring. */
    public Checked check(String line) {
        var parsed = CanonicalForm.parse(line);
        if (parsed.isEmpty()) {
            return Checked.bad("is not a line of canonical JSON");
        }
        var fields = new LinkedHashMap<>(parsed.get());
        String signature = fields.remove(AuditSigner.SIGNATURE);
        String keyId = fields.get(AuditSigner.KEY_ID);
        if (signature == null || keyId == null) {
            return Checked.bad("is not signed");
        }
        PublicKey key = keys.get(keyId);
        if (key == null) {
            return Checked.bad("is signed with key " + keyId + ", which is not one of the audit trail's keys");
        }
        try {
            var verifier = Signature.getInstance(Ed25519Pem.ALGORITHM);
            verifier.initVerify(key);
            verifier.update(CanonicalForm.json(fields).getBytes(StandardCharsets.UTF_8));
            if (verifier.verify(HexFormat.of().parseHex(signature))) {
                return new Checked(Optional.of(Map.copyOf(fields)), "");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Checked.bad("has a signature that is not one");
        }
        return Checked.bad("does not match its signature: it was changed, or signed with another key");
    }

    /** A line checked: its fields when the signature holds, else the problem. */
    public record Checked(Optional<Map<String, String>> fields, String problem) {
        static Checked bad(String problem) {
            return new Checked(Optional.empty(), problem);
        }
    }
}
