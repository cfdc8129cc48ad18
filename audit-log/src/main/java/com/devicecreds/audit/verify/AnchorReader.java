package com.devicecreds.audit.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import com.devicecreds.audit.internal.AuditChain;
import com.devicecreds.audit.internal.CanonicalForm;
import com.devicecreds.audit.keys.PublicKeyring;

/**
 * Reads an anchor file for the verifier: every line must be an anchor or purge record signed by a key of
 * the public key ring. Lines of the first format (before decision 024, signed with the chain key) are
 * used when the chain key ring verifies them, and only warned about when no chain key was given.
 */
public final class AnchorReader {

    private final PublicKeyring publicKeys;
    private final AuditChain legacyChain;

    /** @param legacyChain the chain key ring for lines of the first format, or null (public key only) */
    public AnchorReader(PublicKeyring publicKeys, AuditChain legacyChain) {
        this.publicKeys = publicKeys;
        this.legacyChain = legacyChain;
    }

    /** Every file, read as one source: usable only when every one of them is. */
    public AnchorSource read(List<Path> paths) {
        var sources = paths.stream().map(this::read).toList();
        var unusable = sources.stream().filter(source -> !source.usable()).findFirst();
        if (unusable.isPresent() || sources.size() == 1) {
            return unusable.orElse(sources.getFirst());
        }
        return new AnchorSource(paths.getFirst(), AnchorSource.Status.READ,
                sources.stream().flatMap(s -> s.anchors().stream()).toList(),
                sources.stream().flatMap(s -> s.purges().stream()).toList(),
                sources.stream().flatMap(s -> s.badLines().stream()).toList(),
                sources.stream().flatMap(s -> s.warnings().stream()).toList());
    }

    public AnchorSource read(Path path) {
        if (path == null) {
            return AnchorSource.unusable(null, AnchorSource.Status.NOT_GIVEN, "");
        }
        if (!Files.exists(path)) {
            return AnchorSource.unusable(path, AnchorSource.Status.MISSING, "");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return AnchorSource.unusable(path, AnchorSource.Status.UNREADABLE, e.getMessage() == null ? "" : e.getMessage());
        }
        if (lines.stream().allMatch(String::isBlank)) {
            return AnchorSource.unusable(path, AnchorSource.Status.EMPTY, "");
        }
        var anchors = new ArrayList<Anchor>();
        var purges = new ArrayList<PurgeRecord>();
        var bad = new ArrayList<AnchorSource.BadLine>();
        var warnings = new ArrayList<String>();
        for (int i = 0; i < lines.size(); i++) {
            // A log host's copy carries each line as a syslog message's text.
            String line = lines.get(i).substring(Math.max(0, lines.get(i).indexOf('{')));
            if (line.isBlank()) {
                continue;
            }
            int number = i + 1;
            if (line.contains("\"mac\":")) {
                legacy(line, number, anchors, bad, warnings);
                continue;
            }
            var checked = publicKeys.check(line);
            var fields = checked.fields();
            Optional<String> problem = fields.isEmpty() ? Optional.of(checked.problem())
                    : add(fields.get(), anchors, purges);
            problem.ifPresent(p -> bad.add(new AnchorSource.BadLine(number, claimedSeq(line), "Line " + number
                    + " of " + path.getFileName() + " " + p)));
        }
        return new AnchorSource(path, AnchorSource.Status.READ, anchors, purges, bad, warnings);
    }

    private void legacy(String line, int number, List<Anchor> anchors, List<AnchorSource.BadLine> bad,
            List<String> warnings) {
        if (legacyChain == null) {
            warnings.add("Line " + number + " is an anchor of the first format, signed with the chain key; without it, it was not used");
            return;
        }
        var fields = legacyChain.readSignedLine(line);
        if (fields.isEmpty() || head(fields.get()).isEmpty()) {
            bad.add(new AnchorSource.BadLine(number, claimedSeq(line),
                    "Line " + number + " (first format) does not match its MAC under the chain keys"));
            return;
        }
        anchors.add(head(fields.get()).get());
    }

    private static Optional<String> add(Map<String, String> fields, List<Anchor> anchors, List<PurgeRecord> purges) {
        try {
            switch (fields.getOrDefault("type", "")) {
                case "head" -> anchors.add(head(fields).orElseThrow());
                case "row" -> anchors.add(new Anchor(Long.parseLong(fields.get("seq")), hex(fields.get("hash")),
                        Instant.parse(fields.get("at")), hex(fields.get("content_sha256"))));
                case "purge" -> purges.add(new PurgeRecord(Long.parseLong(fields.get("from_seq")),
                        Long.parseLong(fields.get("to_seq")), hex(fields.get("to_hash")),
                        Instant.parse(fields.get("newest_at")), Instant.parse(fields.get("at"))));
                default -> {
                    return Optional.of("is signed but is no anchor, witness or purge record");
                }
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("is signed but incomplete");
        }
    }

    private static Optional<Anchor> head(Map<String, String> fields) {
        try {
            return Optional.of(new Anchor(Long.parseLong(fields.get("seq")), hex(fields.get("hash")),
                    Instant.parse(fields.get("at"))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text);
    }

    /** The row a line claims to be about, as far as it can be read at all: where an edited line points. */
    private static OptionalLong claimedSeq(String line) {
        var fields = CanonicalForm.parse(line);
        String seq = fields.map(f -> f.getOrDefault("seq", f.get("to_seq"))).orElse(null);
        try {
            return seq == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(seq));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
