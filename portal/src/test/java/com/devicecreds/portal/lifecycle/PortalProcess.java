package com.devicecreds.portal.lifecycle;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real portal in a JVM of its own, started as an operator starts it (its main class, the main
 * classpath, command-line properties), so that a test can kill it with -9, start a second one beside
 * it, or kill its database. Its output goes to a log file the test reads.
 */
public final class PortalProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int httpPort;
    private final Path log;

    private PortalProcess(Process process, int httpPort, Path log) {
        this.process = process;
        this.httpPort = httpPort;
        this.log = log;
    }

    /** Starts a portal with a small demo world and the simulator on; {@code properties} are added as --key=value. */
    public static PortalProcess start(Path workDirectory, String name, String... properties) {
        return startWithHeap(workDirectory, name, "768m", properties);
    }

    /** As {@link #start(Path, String, String...)}, with the given maximum heap ({@code -Xmx}). */
    public static PortalProcess startWithHeap(Path workDirectory, String name, String maxHeap, String... properties) {
        return start(workDirectory, name, List.of("-Xmx" + maxHeap, "-XX:TieredStopAtLevel=1"), properties);
    }

    /**
     * Starts a portal in a JVM with {@code jvmOptions}; {@code properties} (--key=value) replace the small
     * demo world's settings of the same key and add to them.
     */
    public static PortalProcess start(Path workDirectory, String name, List<String> jvmOptions, String... properties) {
        try {
            int port = freePort();
            Path log = workDirectory.resolve(name + ".log");
            var command = new ArrayList<>(List.of(javaExecutable()));
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", mainClasspath(), "com.devicecreds.portal.PortalApplication"));
            var given = Arrays.stream(properties).map(p -> p.substring(0, p.indexOf('=') + 1)).toList();
            Stream.of("--server.port=" + port,
                            "--audit.anchor-file=" + workDirectory.resolve(name + "-anchors.jsonl"),
                            "--portal.demo.events=5000", "--portal.demo.history-days=7",
                            "--portal.simulator.requests-per-second=20",
                            "--logging.level.io.zonky=warn")
                    .filter(p -> !given.contains(p.substring(0, p.indexOf('=') + 1))).forEach(command::add);
            command.addAll(Arrays.asList(properties));
            var process = new ProcessBuilder(command).directory(workDirectory.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new PortalProcess(process, port, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a main class of the portal's classpath (a command an operator runs) to its end; returns its exit status and output. */
    public static Finished runMain(Path workDirectory, Map<String, String> environment, String mainClass, String... arguments) {
        try {
            var command = new ArrayList<>(List.of(javaExecutable(), "-Xmx128m", "-cp", mainClasspath(), mainClass));
            command.addAll(Arrays.asList(arguments));
            var builder = new ProcessBuilder(command).directory(workDirectory.toFile()).redirectErrorStream(true);
            builder.environment().putAll(environment);
            var process = builder.start();
            String output = new String(process.getInputStream().readAllBytes());
            return new Finished(process.waitFor(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Finished(int exitStatus, String output) {
    }

    public long pid() {
        return process.pid();
    }

    public int httpPort() {
        return httpPort;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Process process() {
        return process;
    }

    /** The health endpoint's status, or "unreachable". */
    public String health() {
        try {
            var response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + "/actuator/health"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            return response.body().contains("\"UP\"") ? "UP" : "DOWN " + response.statusCode();
        } catch (IOException e) {
            return "unreachable";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unreachable";
        }
    }

    /** Waits until the portal reports UP; fails with the end of its log if it exits or takes too long. */
    public Duration awaitUp(Duration limit) {
        var start = Instant.now();
        while (Duration.between(start, Instant.now()).compareTo(limit) < 0) {
            if (!process.isAlive()) {
                throw new AssertionError("The portal exited with " + process.exitValue() + ":\n" + tail(60));
            }
            if (health().equals("UP")) {
                return Duration.between(start, Instant.now());
            }
            pause(Duration.ofMillis(500));
        }
        throw new AssertionError("The portal was not UP within " + limit + " (" + health() + "):\n" + tail(60));
    }

    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String tail(int lines) {
        var all = log().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    public void kill9() {
        process.destroyForcibly();
        process.onExit().join();
    }

    /** SIGTERM, as Ctrl-C or a service manager stops it: a graceful shutdown. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The test JVM's classpath without test classes (the modules' test-classes folders, or their test jars
     * once the reactor has packaged them): the portal's main code and its dependencies.
     */
    private static String mainClasspath() {
        String full = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(full.split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("-tests.jar") && !entry.contains("surefire"))
                .map(entry -> Path.of(entry).toAbsolutePath().toString()) // the portal runs in its own directory
                .collect(Collectors.joining(File.pathSeparator));
    }
}
