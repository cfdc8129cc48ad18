package com.devicecreds.inventory.loading.sample;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.devicecreds.inventory.loading.format.Manifest;
import com.devicecreds.inventory.loading.format.PackageFormat;

/**
 * Writes signed sample credential packages in the format of docs/credential-package-format.md,
 * streaming: a million records never sit in memory. Also writes deliberately bad packages.
 *
 * <pre>{@code SamplePackage.of(facility, "sw-widevine", 1000).deviceIds(DeviceIdKind.SOC_ID).writeTo(path);}</pre>
 */
public final class SamplePackage {

    private final Facility facility;
    private final String credentialType;
    private final long records;
    private String batchId;
    private Optional<String> idPrefix = Optional.empty();
    private Optional<DeviceIdKind> deviceIds = Optional.empty();
    private Optional<Defect> defect = Optional.empty();
    private int payloadBytes = 48;
    private long seed = 1;
    private Instant createdAt = Instant.now();

    private SamplePackage(Facility facility, String credentialType, long records) {
        this.facility = Objects.requireNonNull(facility);
        this.credentialType = Objects.requireNonNull(credentialType);
        this.records = records;
        this.batchId = "B-" + Long.toString(System.nanoTime() & 0xFFFFFFFFFFL, 36).toUpperCase(java.util.Locale.ROOT);
    }

    public static SamplePackage of(Facility facility, String credentialType, long records) {
        return new SamplePackage(facility, credentialType, records);
    }

    public SamplePackage batchId(String id) {
        this.batchId = id;
        return this;
    }

    /** Credential IDs are {@code <prefix>-<8 digits>}; the prefix is the batch ID unless set here. */
    public SamplePackage credentialIdPrefix(String prefix) {
        this.idPrefix = Optional.of(prefix);
        return this;
    }

    /** Pre-binds every record to a device ID of this kind; without it, records are unbound. */
    public SamplePackage deviceIds(DeviceIdKind kind) {
        this.deviceIds = Optional.of(kind);
        return this;
    }

    public SamplePackage defect(Defect what) {
        this.defect = Optional.of(what);
        return this;
    }

    /** Seeds the random payloads and device IDs, so two packages with one seed hold the same records. */
    public SamplePackage seed(long value) {
        this.seed = value;
        return this;
    }

    public SamplePackage payloadBytes(int size) {
        this.payloadBytes = size;
        return this;
    }

    public SamplePackage createdAt(Instant at) {
        this.createdAt = at;
        return this;
    }

    public String batchId() {
        return batchId;
    }

    public Path writeTo(Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(out);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] toBytes() {
        var out = new java.io.ByteArrayOutputStream();
        try {
            write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Records first (hashed as they are written), then the manifest, its signature and the signer chain. */
    public void write(OutputStream target) throws IOException {
        var zip = new ZipOutputStream(target);
        zip.putNextEntry(new ZipEntry(PackageFormat.RECORDS));
        var digest = sha256();
        var hashed = new DigestOutputStream(new NonClosing(zip), digest);
        if (is(Defect.ZIP_BOMB)) {
            writeZeros(hashed, 64L << 20);
        } else if (is(Defect.TAMPERED_RECORD)) {
            // The manifest gets the hash of the records as made; the package carries one changed payload.
            writeRecords(new DigestOutputStream(OutputStream.nullOutputStream(), digest), false);
            writeRecords(new NonClosing(zip), true);
        } else {
            writeRecords(hashed, false);
        }
        zip.closeEntry();
        long announced = is(Defect.WRONG_COUNT) ? records + 1 : records;
        var manifest = new Manifest(PackageFormat.VERSION, batchId, credentialType, announced, digest.digest(), createdAt,
                facility.name()).toBytes();
        entry(zip, PackageFormat.MANIFEST, manifest);
        if (!is(Defect.UNSIGNED)) {
            entry(zip, PackageFormat.SIGNATURE, facility.sign(manifest));
            entry(zip, PackageFormat.SIGNER, facility.chainPem().getBytes(StandardCharsets.US_ASCII));
        }
        if (is(Defect.PATH_TRAVERSAL)) {
            entry(zip, "../../etc/cron.d/credentials", "* * * * * root true\n".getBytes(StandardCharsets.US_ASCII));
        }
        zip.finish();
    }

    private boolean is(Defect what) {
        return defect.equals(Optional.of(what));
    }

    private void writeRecords(OutputStream out, boolean tamper) throws IOException {
        var buffered = new java.io.BufferedOutputStream(out, 1 << 16);
        var random = new SplittableRandom(seed);
        var encoder = Base64.getEncoder();
        byte[] payload = new byte[payloadBytes];
        buffered.write((PackageFormat.RECORDS_HEADER + "\n").getBytes(StandardCharsets.US_ASCII));
        for (long i = 1; i <= records; i++) {
            random.nextBytes(payload);
            if (tamper && i == 1) {
                payload[0] ^= 0x01;
            }
            long idNumber = is(Defect.DUPLICATE_IDS) && i == 2 ? 1 : i;
            long deviceNumber = i;
            String device = deviceIds.map(kind -> kind.sample(seed, deviceNumber)).orElse("");
            if (is(Defect.BAD_DEVICE_ID) && i == 1) {
                device = "aa:bb:cc:dd:ee:ff";
            }
            String line = idPrefix.orElse(batchId) + "-" + String.format(java.util.Locale.ROOT, "%08d", idNumber) + ","
                    + device + "," + encoder.encodeToString(payload) + "\n";
            buffered.write(line.getBytes(StandardCharsets.US_ASCII));
        }
        buffered.flush();
    }

    private static void writeZeros(OutputStream out, long count) throws IOException {
        byte[] zeros = new byte[1 << 16];
        for (long written = 0; written < count; written += zeros.length) {
            out.write(zeros);
        }
    }

    private static void entry(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Keeps the record writer's close from closing the ZIP. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
