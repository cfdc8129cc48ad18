package com.devicecreds.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.devicecreds.audit.AuditRow;

/**
 * The keyed hash of the audit chain: {@code row_hash = HMAC-SHA256(key, canonical form of the row,
 * prev_hash included)}. The writer computes it for each new row; the verifier recomputes it for
 * every stored row. The keys come from configuration, never from the database: a ring of them by id,
 * the current one for new rows and earlier ones to verify older rows. A row names its key in
 * {@code key_id}; rows from before key ids (none) verify with any key of the ring.
 */
public final class AuditChain {

    public static final byte[] GENESIS = new byte[32];
    private static final String MAC_FIELD = "mac";
    private static final String MAC_ALGORITHM = "HmacSHA256";

    public static final String DEFAULT_KEY_ID = "1";

    private final String currentKeyId;
    private final Map<String, SecretKeySpec> keys = new TreeMap<>();

    /** One key, with the id {@value #DEFAULT_KEY_ID}. */
    public AuditChain(String chainKey) {
        this(DEFAULT_KEY_ID, Map.of(DEFAULT_KEY_ID, chainKey == null ? "" : chainKey));
    }

    /** A ring of keys by id; new rows are hashed with the key {@code currentKeyId}. */
    public AuditChain(String currentKeyId, Map<String, String> keysById) {
        keysById.forEach((id, secret) -> {
            if (secret == null || secret.length() < 16) {
                throw new IllegalArgumentException("The audit chain key " + id
                        + " must be a secret of at least 16 characters (AUDIT_CHAIN_KEY)");
            }
            keys.put(id, new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), MAC_ALGORITHM));
        });
        if (!keys.containsKey(currentKeyId)) {
            throw new IllegalArgumentException("The current audit chain key id " + currentKeyId + " has no key");
        }
        this.currentKeyId = currentKeyId;
    }

    public String currentKeyId() {
        return currentKeyId;
    }

    /** The hash the row must carry, computed from its content and its prev_hash, with the key it names. */
    public byte[] hashOf(AuditRow row) {
        String id = row.keyId() == null ? currentKeyId : row.keyId();
        SecretKeySpec key = keys.get(id);
        if (key == null) {
            throw new IllegalArgumentException("No audit chain key with id " + id);
        }
        return mac(key, canonical(row));
    }

    /** Whether the row carries the hash of its content under the key it names (any key for rows naming none). */
    public boolean verifies(AuditRow row) {
        return isHashOf(fieldsOf(row), row.rowHash());
    }

    /** A keyed hash of any text with the current key (anchor lines of the first format). */
    public byte[] mac(String text) {
        return mac(keys.get(currentKeyId), text);
    }

    private static byte[] mac(SecretKeySpec key, String text) {
        try {
            Mac mac = Mac.getInstance(MAC_ALGORITHM);
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    /** The SHA-256 of a row's canonical form: what the witness keeps so a public key holder can check content. */
    public static byte[] contentDigest(AuditRow row) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(canonical(row).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** A line of canonical JSON carrying its own MAC in the field {@code mac}: anchors, signed exports. */
    public String signedLine(Map<String, String> fields) {
        if (fields.containsKey(MAC_FIELD)) {
            throw new IllegalArgumentException("the field '" + MAC_FIELD + "' is reserved");
        }
        var signed = new LinkedHashMap<>(fields);
        signed.put(MAC_FIELD, CanonicalForm.hex(mac(CanonicalForm.json(fields))));
        return CanonicalForm.json(signed);
    }

    /** The fields of a line made by {@link #signedLine}, when it is one and its MAC is right; else empty. */
    public Optional<Map<String, String>> readSignedLine(String line) {
        return CanonicalForm.parse(line).flatMap(fields -> {
            String claimed = fields.remove(MAC_FIELD);
            if (claimed == null) {
                return Optional.empty();
            }
            byte[] given;
            try {
                given = HexFormat.of().parseHex(claimed);
            } catch (IllegalArgumentException notHex) {
                return Optional.empty();
            }
            String text = CanonicalForm.json(fields);
            return keys.values().stream().anyMatch(key -> MessageDigest.isEqual(mac(key, text), given))
                    ? Optional.of(Map.copyOf(fields)) : Optional.empty();
        });
    }

    /** The canonical text of one row that the MAC covers. */
    static String canonical(AuditRow row) {
        return CanonicalForm.json(fieldsOf(row));
    }

    /** The fields of a row that its hash covers, by their column names, all as text. */
    public static Map<String, String> fieldsOf(AuditRow row) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("seq", Long.toString(row.seq()));
        fields.put("occurred_at", row.occurredAt().toString());
        fields.put("actor", row.actor());
        fields.put("actor_roles", row.actorRoles());
        fields.put("operator_code", row.operatorCode() == null ? "" : row.operatorCode());
        fields.put("action", row.action());
        fields.put("target", row.target());
        fields.put("outcome", row.outcome());
        fields.put("details", row.details());
        fields.put("prev_hash", CanonicalForm.hex(row.prevHash()));
        if (row.keyId() != null) {
            fields.put("key_id", row.keyId());
        }
        return fields;
    }

    /** Whether {@code rowHash} is the hash of a row with exactly these fields (as {@link #fieldsOf} gives them). */
    public boolean isHashOf(Map<String, String> fields, byte[] rowHash) {
        String text = CanonicalForm.json(fields);
        String id = fields.get("key_id");
        if (id != null) {
            SecretKeySpec key = keys.get(id);
            return key != null && MessageDigest.isEqual(mac(key, text), rowHash);
        }
        return keys.values().stream().anyMatch(key -> MessageDigest.isEqual(mac(key, text), rowHash));
    }

    /** Whether the ring holds a key with this id. */
    public boolean hasKey(String id) {
        return keys.containsKey(id);
    }
}
