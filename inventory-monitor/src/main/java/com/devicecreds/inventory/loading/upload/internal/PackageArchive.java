package com.devicecreds.inventory.loading.upload.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import com.devicecreds.inventory.loading.LoadingProperties;
import com.devicecreds.inventory.loading.format.PackageFormat;
import com.devicecreds.inventory.loading.upload.ProblemKind;

/**
 * The ZIP of a package, opened only after its structure passed the limits: entry count, entry names
 * (no absolute paths, no {@code ..}, only the format's entries), and while reading, the inflated size
 * and the inflate ratio of every entry. Nothing is ever extracted to disk.
 */
public final class PackageArchive implements AutoCloseable {

    private static final long RATIO_FLOOR = 1 << 20;

    private final ZipFile zip;
    private final LoadingProperties.Upload limits;
    private long inflatedTotal;

    private PackageArchive(ZipFile zip, LoadingProperties.Upload limits) {
        this.zip = zip;
        this.limits = limits;
    }

    /** Opens and checks the archive's directory; empty (with the problems added) when it must not be read. */
    public static Optional<PackageArchive> open(Path file, LoadingProperties.Upload limits, Problems problems) {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (IOException e) {
            problems.add(ProblemKind.NOT_A_ZIP, "The file is not a readable ZIP archive.");
            return Optional.empty();
        }
        if (zip.size() > limits.maxEntries()) {
            problems.add(ProblemKind.TOO_MANY_ENTRIES, "The archive holds " + zip.size() + " entries; at most "
                    + limits.maxEntries() + " are accepted (a package has " + PackageFormat.ENTRIES.size() + ").");
            closeQuietly(zip);
            return Optional.empty();
        }
        var names = new HashSet<String>();
        boolean safe = true;
        for (var entries = zip.entries(); entries.hasMoreElements(); ) {
            ZipEntry entry = entries.nextElement();
            String name = entry.getName();
            if (isUnsafe(name)) {
                problems.add(ProblemKind.UNSAFE_ENTRY_NAME, "The entry '" + name
                        + "' has an absolute path or climbs out of the archive with '..'.");
                safe = false;
            } else if (!PackageFormat.ENTRIES.contains(name)) {
                problems.add(ProblemKind.UNEXPECTED_ENTRY, "The entry '" + name + "' does not belong in a package (expected only "
                        + String.join(", ", PackageFormat.ENTRIES) + ").");
                safe = false;
            } else if (!names.add(name)) {
                problems.add(ProblemKind.UNEXPECTED_ENTRY, "The entry '" + name + "' appears twice.");
                safe = false;
            } else if (entry.getSize() > limits.maxInflatedSize().toBytes()) {
                problems.add(ProblemKind.INFLATE_LIMIT, "The entry '" + name + "' declares " + entry.getSize()
                        + " bytes, more than the limit of " + limits.maxInflatedSize() + ".");
                safe = false;
            }
        }
        for (String required : java.util.List.of(PackageFormat.MANIFEST, PackageFormat.RECORDS)) {
            if (!names.contains(required)) {
                problems.add(ProblemKind.MISSING_ENTRY, "The package has no " + required + ".");
            }
        }
        if (!safe) {
            closeQuietly(zip);
            return Optional.empty();
        }
        return Optional.of(new PackageArchive(zip, limits));
    }

    public boolean contains(String name) {
        return zip.getEntry(name) != null;
    }

    /** A small entry read whole, at most {@code maxBytes}; empty when missing or larger. */
    public Optional<byte[]> readSmall(String name, int maxBytes) throws IOException {
        if (!contains(name)) {
            return Optional.empty();
        }
        try (InputStream in = open(name)) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            return bytes.length > maxBytes ? Optional.empty() : Optional.of(bytes);
        }
    }

    /** The entry's inflated bytes; reading past a limit throws {@link InflateLimitException}. */
    public InputStream open(String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        long compressed = Math.max(entry.getCompressedSize(), 1);
        long ratioLimit = Math.max(compressed * limits.maxInflateRatio(), RATIO_FLOOR);
        return new FilterInputStream(zip.getInputStream(entry)) {
            private long inflated;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    inflated += n;
                    inflatedTotal += n;
                    if (inflated > ratioLimit) {
                        throw new InflateLimitException("The entry '" + name + "' inflates more than " + limits.maxInflateRatio()
                                + " times its compressed size (" + compressed + " bytes): refused as a possible zip bomb.");
                    }
                    if (inflatedTotal > limits.maxInflatedSize().toBytes()) {
                        throw new InflateLimitException("The package inflates to more than " + limits.maxInflatedSize()
                                + ": refused as a possible zip bomb.");
                    }
                }
                return n;
            }
        };
    }

    @Override
    public void close() {
        closeQuietly(zip);
    }

    static boolean isUnsafe(String name) {
        String n = name.replace('\\', '/');
        return n.startsWith("/") || n.matches("^[A-Za-z]:.*") || n.contains("\\") || name.contains("\\")
                || java.util.Arrays.asList(n.split("/")).contains("..");
    }

    private static void closeQuietly(ZipFile zip) {
        try {
            zip.close();
        } catch (IOException e) {
            // nothing was written through it
        }
    }

    /** An entry went past an inflate limit while being read. */
    public static final class InflateLimitException extends IOException {
        InflateLimitException(String message) {
            super(message);
        }
    }
}
