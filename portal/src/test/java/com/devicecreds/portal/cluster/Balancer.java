package com.devicecreds.portal.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.devicecreds.portal.lifecycle.PortalProcess;

/**
 * HAProxy (Debian's package) in front of the portal nodes, as the deployment guide configures it:
 * sticky sessions through a cookie HAProxy inserts, the readiness probe as health check, and
 * redispatch to another node when a session's node is gone. Runs in the foreground as a child of
 * the test, on free loopback ports only; its statistics in CSV on a port of their own.
 */
final class Balancer implements AutoCloseable {

    static final Path HAPROXY = Path.of("/usr/sbin/haproxy");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final int statsPort;
    private final Path log;

    private Balancer(Process process, int port, int statsPort, Path log) {
        this.process = process;
        this.port = port;
        this.statsPort = statsPort;
        this.log = log;
    }

    /** Starts HAProxy in front of the nodes, named by their HTTP ports (the names are the cookie's values). */
    static Balancer start(Path work, Map<String, Integer> nodes) {
        try {
            int port = PortalProcess.freePort();
            int statsPort = PortalProcess.freePort();
            var servers = new StringBuilder();
            nodes.forEach((name, nodePort) -> servers.append("    server %s 127.0.0.1:%d check cookie %s%n"
                    .formatted(name, nodePort, name)));
            Path config = work.resolve("haproxy.cfg");
            Files.writeString(config, """
                    global
                        maxconn 256
                    defaults
                        mode http
                        option redispatch
                        retries 2
                        timeout connect 2s
                        timeout client 60s
                        timeout server 60s
                        timeout tunnel 1h
                    frontend portal
                        bind 127.0.0.1:%d
                        default_backend nodes
                    backend nodes
                        balance roundrobin
                        cookie SERVERID insert indirect nocache httponly
                        option httpchk GET /actuator/health/readiness
                        http-check expect status 200
                        default-server inter 1s fall 2 rise 2
                    %s
                    frontend stats
                        bind 127.0.0.1:%d
                        stats enable
                        stats uri /stats
                    """.formatted(port, servers, statsPort));
            Path log = work.resolve("haproxy.log");
            var process = new ProcessBuilder(HAPROXY.toString(), "-db", "-f", config.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new Balancer(process, port, statsPort, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    /** The server's status as HAProxy's health checks see it ("UP", "DOWN", ...), or "unknown". */
    String status(String server) {
        try {
            var csv = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + statsPort + "/stats;csv"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString()).body();
            List<String> lines = csv.lines().toList();
            List<String> header = Arrays.asList(lines.getFirst().replaceFirst("^# ", "").split(","));
            int name = header.indexOf("svname");
            int status = header.indexOf("status");
            return lines.stream().skip(1).map(line -> line.split(","))
                    .filter(fields -> fields[0].equals("nodes") && fields[name].equals(server))
                    .map(fields -> fields[status]).findFirst().orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** Waits until HAProxy's health checks report the server in the given status. */
    void awaitStatus(String server, String expected, Duration limit) {
        var end = Instant.now().plus(limit);
        while (!status(server).startsWith(expected)) {
            if (!process.isAlive() || Instant.now().isAfter(end)) {
                throw new AssertionError("HAProxy saw " + server + " as " + status(server) + ", not " + expected
                        + " within " + limit + ":\n" + log());
            }
            PortalProcess.pause(Duration.ofMillis(250));
        }
    }

    String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
