package com.devicecreds.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.devicecreds.audit.AuditRow;

/**
 * The keyed hash of the audit chain: {@code row_hash = HMAC-SHA256(key, canonical form of the row,
 * prev_hash included)}. The writer computes it for each new row; the verifier recomputes it for
 * every stored row. The key comes from configuration, never from the database.
 */
public final class AuditChain {

    public static final byte[] GENESIS = new byte[32];
    private static final String MAC_FIELD = "mac";
    private static final String MAC_ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public AuditChain(String chainKey) {
        if (chainKey == null || chainKey.length() < 16) {
            throw new IllegalArgumentException(
                    "The audit chain key must be a secret of at least 16 characters (AUDIT_CHAIN_KEY)");
        }
        this.key = new SecretKeySpec(chainKey.getBytes(StandardCharsets.UTF_8), MAC_ALGORITHM);
    }

    /** The hash the row must carry, computed from its content and its prev_hash. */
    public byte[] hashOf(AuditRow row) {
        return mac(canonical(row));
    }

    /** A keyed hash of any text, for anchors and signed exports made with the same key. */
    public byte[] mac(String text) {
        try {
            Mac mac = Mac.getInstance(MAC_ALGORITHM);
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
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
            return MessageDigest.isEqual(mac(CanonicalForm.json(fields)), given)
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
        return fields;
    }

    /** Whether {@code rowHash} is the hash of a row with exactly these fields (as {@link #fieldsOf} gives them). */
    public boolean isHashOf(Map<String, String> fields, byte[] rowHash) {
        return MessageDigest.isEqual(mac(CanonicalForm.json(fields)), rowHash);
    }
}
