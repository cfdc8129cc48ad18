package com.devicecreds.inventory.loading.format;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A package's manifest. {@link #toBytes()} writes the canonical form the facility signs;
 * {@link ManifestParser} reads it back, listing every problem.
 *
 * @param recordsSha256 SHA-256 of the records entry's bytes, 32 bytes
 */
public record Manifest(int formatVersion, String batchId, String credentialType, long recordCount,
        byte[] recordsSha256, Instant createdAt, String producingFacility) {

    public static final String FORMAT_VERSION = "format-version";
    public static final String BATCH_ID = "batch-id";
    public static final String CREDENTIAL_TYPE = "credential-type";
    public static final String RECORD_COUNT = "record-count";
    public static final String RECORDS_SHA256 = "records-sha256";
    public static final String CREATED_AT = "created-at";
    public static final String PRODUCING_FACILITY = "producing-facility";
    /** Every key, in the order the canonical form writes them. */
    public static final java.util.List<String> KEYS = java.util.List.of(FORMAT_VERSION, BATCH_ID, CREDENTIAL_TYPE,
            RECORD_COUNT, RECORDS_SHA256, CREATED_AT, PRODUCING_FACILITY);

    public Manifest {
        Objects.requireNonNull(batchId, "batchId");
        Objects.requireNonNull(credentialType, "credentialType");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(producingFacility, "producingFacility");
        recordsSha256 = recordsSha256.clone();
    }

    @Override
    public byte[] recordsSha256() {
        return recordsSha256.clone();
    }

    public String recordsSha256Hex() {
        return HexFormat.of().formatHex(recordsSha256);
    }

    /** The canonical form: one {@code key=value} line per key in {@link #KEYS} order, LF line ends, UTF-8. */
    public byte[] toBytes() {
        var text = new StringBuilder();
        line(text, FORMAT_VERSION, Integer.toString(formatVersion));
        line(text, BATCH_ID, batchId);
        line(text, CREDENTIAL_TYPE, credentialType);
        line(text, RECORD_COUNT, Long.toString(recordCount));
        line(text, RECORDS_SHA256, recordsSha256Hex());
        line(text, CREATED_AT, createdAt.toString());
        line(text, PRODUCING_FACILITY, producingFacility);
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder text, String key, String value) {
        text.append(key).append('=').append(value).append('\n');
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Manifest m && java.util.Arrays.equals(toBytes(), m.toBytes());
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(toBytes());
    }
}
