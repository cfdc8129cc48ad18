package com.devicecreds.portal.security.keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.json.JsonParserFactory;

/**
 * The real Keycloak of a test run: the distribution that the build unpacks into target/keycloak
 * (portal/pom.xml, execution unpack-keycloak), started in development mode on a free port with an
 * in-memory database and the shipped realm imported. One instance ({@link #shared()}) serves every
 * test class that registers it: it starts before the first of them and stops with its whole process
 * tree when the test run ends (JUnit's root store closes it; the JVM's shutdown hook is a last resort).
 */
final class KeycloakServer implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    static final String REALM = "credentials-portal";
    private static final Path REALM_FILE = Path.of("../docs/keycloak/credentials-portal-realm.json");
    private static final Path DISTRIBUTIONS = Path.of("target/keycloak");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private static final KeycloakServer SHARED = new KeycloakServer();

    private final int port = freePort();
    private final String adminPassword = UUID.randomUUID().toString();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private Path log;

    /** The issuer of the realm, as Keycloak names it in its tokens. */
    String issuerUri() {
        return "http://localhost:" + port + "/realms/" + REALM;
    }

    private KeycloakServer() {
    }

    static KeycloakServer shared() {
        return SHARED;
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) throws Exception {
        if (process == null) {
            start();
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(KeycloakServer.class, this);
        }
    }

    /** Kept running for the next test class; closed at the end of the run. */
    @Override
    public void afterAll(ExtensionContext context) {
    }

    /** An access token of a service account (client credentials grant) of the realm. */
    String clientCredentialsToken(String clientId, String secret) throws IOException, InterruptedException {
        var form = "grant_type=client_credentials&client_id=" + clientId + "&client_secret=" + secret;
        var response = http.send(HttpRequest.newBuilder(URI.create(issuerUri() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak token endpoint: " + response.statusCode() + " " + response.body());
        }
        return (String) JsonParserFactory.getJsonParser().parseMap(response.body()).get("access_token");
    }

    private void start() throws IOException, InterruptedException {
        Path home = distribution();
        Path imports = Files.createDirectories(home.resolve("data/import"));
        Files.copy(REALM_FILE, imports.resolve(REALM_FILE.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        log = home.resolveSibling("keycloak-test.log");
        var command = new ProcessBuilder(List.of("bash", home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-port=" + port, "--http-host=127.0.0.1", "--db=dev-mem", "--import-realm"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // The test JVM's own JDK (Temurin), whatever JAVA_HOME the shell had.
        command.environment().put("JAVA_HOME", System.getProperty("java.home"));
        command.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx768m");
        command.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        command.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        process = command.start();
        // A last resort should the test JVM end without running afterAll (Ctrl-C, a killed fork).
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "keycloak-stop"));
        awaitRealm();
    }

    private void awaitRealm() throws InterruptedException {
        var wellKnown = HttpRequest.newBuilder(URI.create(issuerUri() + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(wellKnown, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            TimeUnit.SECONDS.sleep(1);
        }
        close();
        throw new IllegalStateException("Keycloak did not serve realm " + REALM + " within " + START_TIMEOUT + "; see " + log);
    }

    /**
     * Adds a user to the realm through the admin API, for accounts the shipped realm deliberately
     * lacks (such as operator staff without an operator).
     */
    void addUser(String realmRole, String userJson) throws IOException, InterruptedException {
        String admin = "http://localhost:" + port + "/admin/realms/" + REALM;
        String token = adminToken();
        var created = send(HttpRequest.newBuilder(URI.create(admin + "/users"))
                .POST(HttpRequest.BodyPublishers.ofString(userJson)), token, 201);
        String userUrl = created.headers().firstValue("Location").orElseThrow();
        String role = send(HttpRequest.newBuilder(URI.create(admin + "/roles/" + realmRole)).GET(), token, 200).body();
        send(HttpRequest.newBuilder(URI.create(userUrl + "/role-mappings/realm"))
                .POST(HttpRequest.BodyPublishers.ofString("[" + role + "]")), token, 204);
    }

    private String adminToken() throws IOException, InterruptedException {
        var form = "grant_type=password&client_id=admin-cli&username=admin&password=" + adminPassword;
        var response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        return (String) JsonParserFactory.getJsonParser().parseMap(response.body()).get("access_token");
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String token, int expectedStatus)
            throws IOException, InterruptedException {
        var response = http.send(request.header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expectedStatus) {
            throw new IllegalStateException("Keycloak admin API: " + response.statusCode() + " " + response.body());
        }
        return response;
    }

    /** Stops Keycloak: the java process that kc.sh started, then the script itself. */
    @Override
    public synchronized void close() {
        if (process == null) {
            return;
        }
        var tree = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
        tree.forEach(ProcessHandle::destroy);
        for (var handle : tree) {
            try {
                handle.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception notStopped) {
                handle.destroyForcibly();
            }
        }
        process = null;
    }

    /** The one unpacked distribution; after a version change, ./mvnw clean removes the old one. */
    private static Path distribution() throws IOException {
        List<Path> found;
        try (var dirs = Files.list(DISTRIBUTIONS)) {
            found = dirs.filter(dir -> Files.isRegularFile(dir.resolve("bin/kc.sh"))).toList();
        } catch (NoSuchFileException e) {
            found = List.of();
        }
        if (found.size() != 1) {
            throw new IllegalStateException("Expected one Keycloak distribution in " + DISTRIBUTIONS.toAbsolutePath()
                    + ", found " + found + ": build with ./mvnw clean verify (execution unpack-keycloak)");
        }
        return found.getFirst();
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
