package com.devicecreds.audit.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import com.devicecreds.audit.AuditRow;
import com.devicecreds.audit.internal.AuditChain;
import com.devicecreds.audit.internal.CanonicalForm;
import com.devicecreds.audit.internal.RowWitness;
import com.devicecreds.audit.keys.AuditSigner;

/**
 * The file outside the database that vouches for the audit trail (decisions 013 and 024): one signed
 * line per event, appended and forced to disk before the call returns. A {@code row} line witnesses each
 * row as it is committed, a {@code head} line anchors the chain head periodically, a {@code purge} line
 * states a purge's range before it happens. Lines are signed with the Ed25519 signing key, not the chain
 * key, so whoever can rewrite the chain cannot rewrite what this file says about it.
 */
public final class AnchorFile implements RowWitness {

    private final Path path;
    private final AuditSigner signer;
    private final Consumer<String> copy;
    private long lastSeqWritten = -1;

    public AnchorFile(Path path, AuditSigner signer) {
        this(path, signer, line -> { });
    }

    /** @param copy also receives every line once it is on disk, e.g. {@link SyslogForwarder} */
    public AnchorFile(Path path, AuditSigner signer, Consumer<String> copy) {
        this.path = path;
        this.signer = signer;
        this.copy = copy;
    }

    public Path path() {
        return path;
    }

    /** Witnesses a committed row: its number, hash, time and content digest. */
    @Override
    public void witness(AuditRow row) {
        var fields = new LinkedHashMap<String, String>();
        fields.put("type", "row");
        fields.put("seq", Long.toString(row.seq()));
        fields.put("hash", CanonicalForm.hex(row.rowHash()));
        fields.put("at", row.occurredAt().toString());
        fields.put("content_sha256", CanonicalForm.hex(AuditChain.contentDigest(row)));
        append(fields, row.seq());
    }

    /** Anchors the chain head. */
    public void anchor(Anchor head) {
        append(Map.of("type", "head", "seq", Long.toString(head.seq()), "hash", head.hashHex(),
                "at", head.at().toString()), head.seq());
    }

    /** States a purge, before the rows are deleted. */
    public void purge(PurgeRecord purge) {
        append(Map.of("type", "purge", "from_seq", Long.toString(purge.fromSeq()), "to_seq", Long.toString(purge.toSeq()),
                "to_hash", CanonicalForm.hex(purge.toHash()), "newest_at", purge.newestAt().toString(),
                "at", purge.at().toString()), -1);
    }

    /** The highest row this process wrote a line about, or -1. */
    public synchronized long lastSeqWritten() {
        return lastSeqWritten;
    }

    private synchronized void append(Map<String, String> fields, long seq) {
        String signed = signer.signedLine(fields);
        String line = signed + "\n";
        try {
            if (path.toAbsolutePath().getParent() != null) {
                Files.createDirectories(path.toAbsolutePath().getParent());
            }
            try (var channel = FileChannel.open(path, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                channel.write(StandardCharsets.UTF_8.encode(line));
                channel.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not append to the audit anchor file " + path, e);
        }
        lastSeqWritten = Math.max(lastSeqWritten, seq);
        copy.accept(signed);
    }
}
