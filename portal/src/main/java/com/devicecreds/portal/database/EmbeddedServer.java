package com.devicecreds.portal.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL of this portal, started under the data directory's lock and watched. If its
 * postmaster dies (killed, crashed, stopped by hand), the portal starts it again on the same port, after
 * PostgreSQL's own crash recovery, and the connection pools reconnect; after {@link #ATTEMPTS} failed
 * starts it gives up and the portal exits with the reason, rather than staying up with a database that
 * never comes back. See docs/decisions/004-embedded-postgresql.md.
 */
final class EmbeddedServer implements AutoCloseable {

    static final int ATTEMPTS = 6;
    private static final Logger log = LoggerFactory.getLogger(EmbeddedServer.class);
    private static final Duration CHECK_EVERY = Duration.ofSeconds(2);
    private static final Map<String, String> SETTINGS = Map.of(
            // The library tunes for throw-away test databases; this one keeps the user's data.
            "fsync", "on",
            "synchronous_commit", "on",
            "listen_addresses", "localhost",
            "max_connections", "100",
            "shared_buffers", "256MB",
            "max_wal_size", "2GB");

    private final Path dataDirectory;
    private final DataDirectoryLock lock;
    private final Runnable giveUp;
    private final ScheduledExecutorService watchdog;
    private volatile EmbeddedPostgres postgres;
    private volatile long postmasterPid;
    private volatile boolean closed;

    private EmbeddedServer(Path dataDirectory, DataDirectoryLock lock, EmbeddedPostgres postgres, Runnable giveUp) {
        this.dataDirectory = dataDirectory;
        this.lock = lock;
        this.postgres = postgres;
        this.postmasterPid = postmasterPid(dataDirectory);
        this.giveUp = giveUp;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            var thread = new Thread(r, "embedded-postgres-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        watchdog.scheduleWithFixedDelay(this::restartIfDead, CHECK_EVERY.toMillis(), CHECK_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Locks the directory (refusing if another portal runs on it), stops a server orphaned by a killed
     * portal, and starts PostgreSQL; {@code port} 0 picks a free one, kept for restarts.
     */
    static EmbeddedServer start(Path dataDirectory, int port, Runnable giveUp) throws IOException {
        var dir = dataDirectory.toAbsolutePath();
        var lock = DataDirectoryLock.acquire(dir);
        try {
            Files.createDirectories(dir);
            OrphanedServer.stopIfRunning(dir);
            return new EmbeddedServer(dir, lock, builder(dir, port).start(), giveUp);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    int port() {
        return postgres.getPort();
    }

    String jdbcUrl(String user, String database) {
        return postgres.getJdbcUrl(user, database);
    }

    DataSource postgresDatabase() {
        return postgres.getPostgresDatabase();
    }

    long postmasterPid() {
        return postmasterPid;
    }

    /** Called by the watchdog; public to the package so that a test can run a check at once. */
    synchronized void restartIfDead() {
        if (closed || jvmShuttingDown() || ProcessHandle.of(postmasterPid).map(ProcessHandle::isAlive).orElse(false)) {
            return;
        }
        int port = port();
        log.error("The embedded PostgreSQL (pid {}) on {} stopped unexpectedly; starting it again on port {}",
                postmasterPid, dataDirectory, port);
        closeQuietly(postgres);
        long wait = 1_000;
        for (int attempt = 1; attempt <= ATTEMPTS && !closed; attempt++) {
            try {
                long started = System.nanoTime();
                postgres = builder(dataDirectory, port).start();
                postmasterPid = postmasterPid(dataDirectory);
                log.warn("The embedded PostgreSQL is running again (pid {}, crash recovery and start took {} ms)",
                        postmasterPid, Duration.ofNanos(System.nanoTime() - started).toMillis());
                return;
            } catch (IOException | RuntimeException e) {
                log.warn("Start {} of {} of the embedded PostgreSQL failed: {}", attempt, ATTEMPTS, e.getMessage());
                sleep(wait);
                wait = Math.min(wait * 2, 16_000);
            }
        }
        if (!closed) {
            log.error("The embedded PostgreSQL on {} could not be started again after {} attempts; the portal stops. "
                    + "Check the server's log in that directory and the disk, then start the portal again.",
                    dataDirectory, ATTEMPTS);
            giveUp.run();
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        watchdog.shutdownNow();
        synchronized (this) {
            try {
                postgres.close();
            } finally {
                lock.close();
            }
        }
    }

    private static EmbeddedPostgres.Builder builder(Path dir, int port) {
        var builder = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false);
        if (port > 0) {
            builder.setPort(port);
        }
        SETTINGS.forEach(builder::setServerConfig);
        return builder;
    }

    private static long postmasterPid(Path dir) {
        try {
            return Long.parseLong(Files.readAllLines(dir.resolve("postmaster.pid")).getFirst().strip());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("The embedded PostgreSQL on " + dir + " wrote no postmaster.pid", e);
        }
    }

    /** The library's own shutdown hook stops the server while the JVM ends: that is no crash to recover from. */
    private static boolean jvmShuttingDown() {
        try {
            var probe = new Thread(() -> { });
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException shuttingDown) {
            return true;
        }
    }

    private static void closeQuietly(EmbeddedPostgres dead) {
        try {
            dead.close();
        } catch (IOException | RuntimeException e) {
            log.debug("Closing the dead server's handle failed", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
