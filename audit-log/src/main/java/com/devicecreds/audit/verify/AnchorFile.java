package com.devicecreds.audit.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.devicecreds.audit.internal.AuditChain;

/**
 * Anchors kept in a file outside the database, one signed line each (canonical JSON with a MAC made
 * with the chain key): someone who can change the database but not this file, or who lacks the key,
 * cannot hide a cut-off tail or a rewritten chain. Lines are only ever appended and forced to disk.
 */
public final class AnchorFile {

    private final Path path;
    private final AuditChain chain;

    public AnchorFile(Path path, AuditChain chain) {
        this.path = path;
        this.chain = chain;
    }

    public Path path() {
        return path;
    }

    /** Appends one anchor and forces it to disk. */
    public void append(Anchor anchor) {
        String line = chain.signedLine(Map.of("seq", Long.toString(anchor.seq()), "hash", anchor.hashHex(),
                "at", anchor.at().toString())) + "\n";
        try {
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            try (var channel = FileChannel.open(path, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                channel.write(StandardCharsets.UTF_8.encode(line));
                channel.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not append the audit anchor to " + path, e);
        }
    }

    /** The anchors in the file, and a warning for every line that is not a valid, signed anchor. */
    public Read read() {
        var anchors = new ArrayList<Anchor>();
        var warnings = new ArrayList<String>();
        if (!Files.exists(path)) {
            return new Read(anchors, warnings);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the audit anchors in " + path, e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            int number = i + 1;
            chain.readSignedLine(line).flatMap(AnchorFile::anchor).ifPresentOrElse(anchors::add,
                    () -> warnings.add("Anchor line " + number + " of " + path.getFileName()
                            + " is not an anchor signed with this chain key; it was not used"));
        }
        return new Read(anchors, warnings);
    }

    private static Optional<Anchor> anchor(Map<String, String> fields) {
        try {
            return Optional.of(new Anchor(Long.parseLong(fields.get("seq")),
                    HexFormat.of().parseHex(fields.get("hash")), Instant.parse(fields.get("at"))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    public record Read(List<Anchor> anchors, List<String> warnings) {
    }
}
