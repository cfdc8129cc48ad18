package com.devicecreds.inventory.loading.upload.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Streams an upload into a temporary file readable by this process only, never whole into memory, up to a limit. */
public final class PackageReceiver {

    /** The received file; {@code oversized} when the upload went past the limit (the file then holds a prefix only). */
    public record Received(Path file, long bytes, boolean oversized) implements AutoCloseable {
        @Override
        public void close() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not delete the uploaded package " + file, e);
            }
        }
    }

    private PackageReceiver() {
    }

    public static Received receive(InputStream in, long maxBytes) throws IOException {
        Path file = Files.createTempFile("credential-package-", ".zip",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        long total = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > maxBytes) {
                    return new Received(file, total, true);
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return new Received(file, total, false);
    }
}
