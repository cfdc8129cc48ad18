package com.devicecreds.audit.verify;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.devicecreds.audit.internal.AuditChain;
import com.devicecreds.audit.internal.CanonicalForm;
import com.devicecreds.audit.keys.AuditSigner;
import com.devicecreds.audit.keys.PublicKeyring;

/**
 * Checks an export offline, without the database (docs/audit-export-format.md). Format 2: the trailer is
 * signed with the audit signing key and pins the count and SHA-256 of the row lines, so the public key
 * alone shows that no line was dropped, added, changed or reordered, and consecutive rows are chained;
 * with the chain key as well, every row is also checked against its hash. Format 1 (every line with a
 * MAC of the chain key) still verifies with the chain key.
 */
public final class ExportVerifier {

    public static final String FORMAT = "audit-export/2";
    public static final String FIRST_FORMAT = "audit-export/1";

    private final AuditChain chain;
    private final PublicKeyring publicKeys;

    /** @param chain the chain key ring, or null (public key only) */
    public ExportVerifier(AuditChain chain, PublicKeyring publicKeys) {
        this.chain = chain;
        this.publicKeys = publicKeys;
    }

    public Result verify(BufferedReader reader) throws IOException {
        MessageDigest digest = sha256();
        long rows = 0;
        long lineNumber = 0;
        long previousSeq = -1;
        byte[] previousHash = null;
        Map<String, String> trailer = null;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            if (trailer != null) {
                return Result.bad(rows, "line " + lineNumber + " follows the trailer: lines were appended");
            }
            boolean firstFormat = line.contains("\"mac\":");
            if (firstFormat && chain == null) {
                return Result.unverifiable(rows, "line " + lineNumber + " is of format 1, which only the chain key verifies");
            }
            var fields = firstFormat ? chain.readSignedLine(line) : CanonicalForm.parse(line);
            if (fields.isEmpty()) {
                return Result.bad(rows, "line " + lineNumber + " is not signed with this chain key, or was changed");
            }
            if (fields.get().containsKey("format")) {
                var signed = firstFormat ? fields : publicKeys.check(line).fields();
                if (signed.isEmpty()) {
                    return Result.bad(rows, "the trailer " + publicKeys.check(line).problem());
                }
                trailer = signed.get();
                continue;
            }
            var row = new HashMap<>(fields.get());
            String rowHash = row.remove("row_hash");
            byte[] hash;
            long seq;
            try {
                hash = HexFormat.of().parseHex(rowHash);
                seq = Long.parseLong(row.get("seq"));
            } catch (RuntimeException e) {
                return Result.bad(rows, "line " + lineNumber + " is not an audit row");
            }
            if (chain != null && !chain.isHashOf(row, hash)) {
                return Result.bad(rows, "line " + lineNumber + " (row " + seq + ") does not match the hash the trail held for it");
            }
            if (seq == previousSeq + 1 && !row.get("prev_hash").equals(HexFormat.of().formatHex(previousHash))) {
                return Result.bad(rows, "line " + lineNumber + " (row " + seq + ") does not follow row " + previousSeq);
            }
            if (seq <= previousSeq) {
                return Result.bad(rows, "line " + lineNumber + " (row " + seq + ") is out of order");
            }
            digest.update((line + "\n").getBytes(StandardCharsets.UTF_8));
            previousSeq = seq;
            previousHash = hash;
            rows++;
        }
        if (trailer == null) {
            return Result.bad(rows, "the export has no trailer: it was cut off");
        }
        if (!Set.of(FORMAT, FIRST_FORMAT).contains(trailer.get("format"))) {
            return Result.bad(rows, "the export's format is " + trailer.get("format") + ", not " + FORMAT);
        }
        if (!Long.toString(rows).equals(trailer.get("rows"))
                || !HexFormat.of().formatHex(digest.digest()).equals(trailer.get("lines_sha256"))) {
            return Result.bad(rows, "the trailer lists " + trailer.get("rows") + " rows and a digest the lines do not have: lines were dropped, added or reordered");
        }
        String signer = Optional.ofNullable(trailer.get(AuditSigner.KEY_ID)).map(k -> "signing key " + k)
                .orElse("the chain key");
        return new Result(0, rows, ("All %,d rows of the export agree with its trailer, signed with %s%s (%s, exported by %s at %s).")
                .formatted(rows, signer, chain == null ? "; row hashes not checked without the chain key" : ", and match their hashes",
                        trailer.get("query"), trailer.get("exported_by"), trailer.get("exported_at")));
    }

    /** @param exitCode 0 intact, 2 tampered, 1 could not verify */
    public record Result(int exitCode, long rows, String message) {
        public boolean intact() {
            return exitCode == 0;
        }

        static Result bad(long rows, String why) {
            return new Result(2, rows, "The export was tampered with: " + why + ".");
        }

        static Result unverifiable(long rows, String why) {
            return new Result(1, rows, "Could not verify the export: " + why + ".");
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
