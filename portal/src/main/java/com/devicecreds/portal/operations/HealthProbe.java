package com.devicecreds.portal.operations;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The container image's health check, for runtimes that cannot make an HTTP request themselves (the
 * image has no shell and no curl): exits 0 when the portal on this container answers its readiness
 * probe with 200, else 1. Runs in a JVM of its own, with nothing but this class on the class path:
 * {@code java -cp /app/classes com.devicecreds.portal.operations.HealthProbe [path]}. Kubernetes calls
 * the probes over HTTP instead (docs/deployment.md).
 */
public final class HealthProbe {

    private HealthProbe() {
    }

    public static void main(String[] args) {
        String port = System.getenv().getOrDefault("PORT", "8080");
        String path = args.length > 0 ? args[0] : "/actuator/health/readiness";
        try (var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(4)).GET().build();
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            System.exit(status == 200 ? 0 : 1);
        } catch (Exception e) {
            System.exit(1);
        }
    }
}
