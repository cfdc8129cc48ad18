package com.devicecreds.portal.database;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One portal per embedded data directory. The portal holds an exclusive lock on a file beside the
 * data directory ({@code pgdata.lock} next to {@code pgdata}) for as long as it runs; the operating
 * system releases it when the process ends in any way, kill -9 included, so a stale file never blocks
 * a start. A second portal on the same directory fails to take the lock and refuses to start, naming
 * the running one, before it touches the database: it never stops or signals a server that a live
 * portal uses. The file lives outside the data directory because initdb wants an empty one.
 */
final class DataDirectoryLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock of the directory, or throws {@link DataDirectoryInUseException} naming the portal that holds it. */
    static DataDirectoryLock acquire(Path dataDirectory) throws IOException {
        Path file = fileOf(dataDirectory);
        Files.createDirectories(file.getParent());
        var channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            lock = null;
        }
        if (lock == null) {
            String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
            channel.close();
            throw new DataDirectoryInUseException(dataDirectory, holder.isEmpty() ? "unknown process" : holder);
        }
        var self = ProcessHandle.current();
        String description = "pid " + self.pid() + ", started " + self.info().startInstant().orElse(Instant.now())
                + ", command " + self.info().command().orElse("java");
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((description + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(true);
        return new DataDirectoryLock(channel, lock);
    }

    static Path fileOf(Path dataDirectory) {
        Path absolute = dataDirectory.toAbsolutePath().normalize();
        return absolute.resolveSibling(absolute.getFileName() + ".lock");
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
