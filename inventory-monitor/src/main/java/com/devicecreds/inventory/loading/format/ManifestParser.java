package com.devicecreds.inventory.loading.format;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads a manifest, collecting every problem instead of stopping at the first. */
public final class ManifestParser {

    /** The manifest if it could be read, and every problem found (empty when it is valid). */
    public record Result(Optional<Manifest> manifest, List<String> problems) {
    }

    private ManifestParser() {
    }

    public static Result parse(byte[] bytes) {
        var problems = new ArrayList<String>();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new Result(Optional.empty(), List.of("The manifest is not valid UTF-8 text."));
        }
        Map<String, String> values = new LinkedHashMap<>();
        int lineNumber = 0;
        for (String line : text.split("\n", -1)) {
            lineNumber++;
            if (line.isEmpty()) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                problems.add("Manifest line " + lineNumber + " is not a key=value line.");
                continue;
            }
            String key = line.substring(0, equals);
            if (!Manifest.KEYS.contains(key)) {
                problems.add("The manifest has an unknown field '" + key + "' (line " + lineNumber + ").");
            } else if (values.putIfAbsent(key, line.substring(equals + 1)) != null) {
                problems.add("The manifest gives the field '" + key + "' twice.");
            }
        }
        for (String key : Manifest.KEYS) {
            if (!values.containsKey(key)) {
                problems.add("The manifest lacks the field '" + key + "'.");
            }
        }
        if (!problems.isEmpty()) {
            return new Result(Optional.empty(), problems);
        }
        var fields = new Fields(values, problems);
        int version = fields.integer(Manifest.FORMAT_VERSION);
        if (version != PackageFormat.VERSION && problems.isEmpty()) {
            problems.add("Format version " + version + " is not supported (this portal reads version "
                    + PackageFormat.VERSION + ").");
        }
        String batchId = fields.matching(Manifest.BATCH_ID, PackageFormat.BATCH_ID,
                "letters, digits and . _ : - (at most 64)");
        String type = fields.matching(Manifest.CREDENTIAL_TYPE, java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]{1,63}"),
                "a credential type code");
        long count = fields.integer(Manifest.RECORD_COUNT);
        if (count < 1 && problems.isEmpty()) {
            problems.add("The record count must be at least 1, not " + count + ".");
        }
        byte[] sha = fields.sha256(Manifest.RECORDS_SHA256);
        Instant created = fields.instant(Manifest.CREATED_AT);
        String facility = values.get(Manifest.PRODUCING_FACILITY).strip();
        if (facility.isEmpty()) {
            problems.add("The manifest names no producing facility.");
        }
        if (!problems.isEmpty()) {
            return new Result(Optional.empty(), problems);
        }
        return new Result(Optional.of(new Manifest(version, batchId, type, count, sha, created, facility)), List.of());
    }

    private record Fields(Map<String, String> values, List<String> problems) {

        int integer(String key) {
            try {
                return Integer.parseInt(values.get(key));
            } catch (NumberFormatException e) {
                problems.add("The manifest's " + key + " '" + values.get(key) + "' is not a whole number.");
                return -1;
            }
        }

        String matching(String key, java.util.regex.Pattern pattern, String expected) {
            String value = values.get(key);
            if (!pattern.matcher(value).matches()) {
                problems.add("The manifest's " + key + " '" + value + "' is not valid: expected " + expected + ".");
            }
            return value;
        }

        byte[] sha256(String key) {
            String value = values.get(key);
            try {
                byte[] sha = HexFormat.of().parseHex(value);
                if (sha.length == 32) {
                    return sha;
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
            problems.add("The manifest's " + key + " is not a SHA-256 in hex (64 hex digits).");
            return new byte[32];
        }

        Instant instant(String key) {
            try {
                return Instant.parse(values.get(key));
            } catch (DateTimeParseException e) {
                problems.add("The manifest's " + key + " '" + values.get(key) + "' is not an ISO-8601 UTC time.");
                return Instant.EPOCH;
            }
        }
    }
}
