package com.devicecreds.audit.verify;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import com.devicecreds.audit.internal.AuditChain;

/**
 * Checks an export of signed JSON lines offline, with the chain key and without the database: every
 * line signed, every row matching the hash the trail held for it, consecutive rows chained, and the
 * trailer's row count and digest of the lines before it (so lines cannot be dropped, added or
 * reordered, and a cut-off file has no trailer). See docs/audit-export-format.md.
 */
public final class ExportVerifier {

    public static final String FORMAT = "audit-export/1";

    private final AuditChain chain;

    public ExportVerifier(AuditChain chain) {
        this.chain = chain;
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
            var fields = chain.readSignedLine(line);
            if (fields.isEmpty()) {
                return Result.bad(rows, "line " + lineNumber + " is not signed with this chain key, or was changed");
            }
            if (fields.get().containsKey("format")) {
                trailer = fields.get();
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
            if (!chain.isHashOf(row, hash)) {
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
        if (!FORMAT.equals(trailer.get("format"))) {
            return Result.bad(rows, "the export's format is " + trailer.get("format") + ", not " + FORMAT);
        }
        if (!Long.toString(rows).equals(trailer.get("rows"))
                || !HexFormat.of().formatHex(digest.digest()).equals(trailer.get("lines_sha256"))) {
            return Result.bad(rows, "the trailer lists " + trailer.get("rows") + " rows and a digest the lines do not have: lines were dropped, added or reordered");
        }
        return new Result(true, rows, "All %,d rows of the export are signed, match their hashes and agree with its trailer (%s, exported by %s at %s)."
                .formatted(rows, trailer.get("query"), trailer.get("exported_by"), trailer.get("exported_at")));
    }

    public record Result(boolean intact, long rows, String message) {
        static Result bad(long rows, String why) {
            return new Result(false, rows, "The export was tampered with: " + why + ".");
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
