package com.devicecreds.portal.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.devicecreds.access.Roles;
import com.devicecreds.portal.api.token.ApiTokenService;
import com.devicecreds.portal.security.SignedIn;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls the running portal's REST API over real HTTP as one of the demo accounts, with a personal API
 * token made for that account through {@link ApiTokenService} (one per account and client).
 */
final class ApiClient {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final ApiTokenService tokens;
    private final Map<String, String> tokenByUser = new HashMap<>();

    ApiClient(int port, ApiTokenService tokens) {
        this.base = "http://localhost:" + port;
        this.tokens = tokens;
    }

    /** A fresh token of a demo account (role and operator as the account has them). */
    String tokenOf(String username) {
        return tokenByUser.computeIfAbsent(username, user -> {
            try (var signedIn = SignedIn.as(SignedIn.user(user, Optional.empty(), Roles.all().toArray(String[]::new)))) {
                return tokens.create("test " + user, Duration.ofDays(1)).secret();
            }
        });
    }

    HttpResponse<String> get(String user, String path) {
        return send(request(path, user).GET());
    }

    HttpResponse<String> post(String user, String path) {
        return send(request(path, user).POST(HttpRequest.BodyPublishers.noBody()));
    }

    HttpResponse<String> post(String user, String path, String contentType, byte[] body) {
        return send(request(path, user).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** A POST whose body is streamed without a Content-Length (chunked). */
    HttpResponse<String> postStreamed(String user, String path, String contentType, byte[] body) {
        return send(request(path, user).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))));
    }

    HttpResponse<String> getWithToken(String token, String path) {
        var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private HttpRequest.Builder request(String path, String user) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + tokenOf(user));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
