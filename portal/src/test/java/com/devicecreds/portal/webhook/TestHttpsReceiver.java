package com.devicecreds.portal.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * A real HTTPS receiver on the loopback interface, with a self-signed certificate made for the test
 * by the JDK's keytool. Only the client built from {@link #trust()} trusts it; production code keeps
 * the JVM's default trust. Answers 200 unless told otherwise per path.
 */
final class TestHttpsReceiver implements AutoCloseable {

    record Received(String path, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private static final char[] PASSWORD = "receiver-test".toCharArray();

    private final HttpsServer server;
    private final SSLContext trust;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Integer>> answers = new HashMap<>();

    private TestHttpsReceiver(HttpsServer server, SSLContext trust) {
        this.server = server;
        this.trust = trust;
    }

    static TestHttpsReceiver start() throws Exception {
        Path dir = Files.createTempDirectory("webhook-receiver");
        Path store = dir.resolve("receiver.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "receiver", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        var keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keyManagers.getKeyManagers(), null, null);

        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("receiver", keys.getCertificate("receiver"));
        var trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trusted);
        SSLContext clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, trustManagers.getTrustManagers(), null);

        HttpsServer server = HttpsServer.create(new InetSocketAddress("localhost", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        var receiver = new TestHttpsReceiver(server, clientTls);
        server.createContext("/", receiver::handle);
        server.start();
        return receiver;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        var headers = new HashMap<String, String>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.getFirst()));
        String path = exchange.getRequestURI().getPath();
        received.add(new Received(path, headers, body));
        int status;
        synchronized (answers) {
            Deque<Integer> queued = answers.get(path);
            status = queued == null || queued.isEmpty() ? 200 : queued.size() == 1 ? queued.peek() : queued.poll();
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    /** The statuses the path answers with, in turn; the last one for ever after. */
    void answer(String path, Integer... statuses) {
        synchronized (answers) {
            answers.put(path, new ArrayDeque<>(List.of(statuses)));
        }
    }

    SSLContext trust() {
        return trust;
    }

    String url(String path) {
        return "https://localhost:" + server.getAddress().getPort() + path;
    }

    List<Received> received(String path) {
        return new ArrayList<>(received.stream().filter(r -> r.path().equals(path)).toList());
    }

    void reset() {
        received.clear();
        synchronized (answers) {
            answers.clear();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
