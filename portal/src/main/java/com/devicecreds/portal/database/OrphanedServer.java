package com.devicecreds.portal.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A portal killed without shutdown (kill -9, a crash) leaves its embedded server running on the
 * data directory, and the next start would fail on the server's lock file. Such an orphan is
 * stopped first (a smart shutdown, so it finishes cleanly) when its postmaster.pid names a live
 * postgres process serving this very directory.
 */
final class OrphanedServer {

    private static final Logger log = LoggerFactory.getLogger(OrphanedServer.class);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private OrphanedServer() {
    }

    static void stopIfRunning(Path dataDirectory) throws IOException {
        var pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        var lines = Files.readAllLines(pidFile);
        if (lines.size() < 2 || !lines.get(0).strip().matches("\\d+")) {
            return;
        }
        long pid = Long.parseLong(lines.get(0).strip());
        var process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (process.isEmpty() || !Path.of(lines.get(1).strip()).toAbsolutePath().equals(dataDirectory.toAbsolutePath())) {
            return;
        }
        log.warn("Stopping an orphaned embedded PostgreSQL (pid {}) left on {} by an earlier run", pid, dataDirectory);
        process.get().destroy();
        try {
            process.get().onExit().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("The orphaned PostgreSQL (pid " + pid + ") on " + dataDirectory
                    + " did not stop within " + WAIT.toSeconds() + " s; stop it and start again", e);
        }
    }
}
