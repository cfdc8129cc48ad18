package com.devicecreds.portal.load;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One person's browser tab on the portal, speaking Vaadin Flow's client protocol over its own HTTP
 * session (its own JSESSIONID): form sign-in, a page load (the HTML shell, then {@code ?v-r=init},
 * then the {@code ui-navigate} event that renders the route), navigation within the same UI, polls
 * and heartbeats, and sign-out. Every answer is checked; a request that fails returns its problem.
 */
final class BrowserSession {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"");
    private static final Pattern SESSION = Pattern.compile("JSESSIONID=([^;]+)");

    private final HttpClient http;
    private final String base;
    /** Images that came as immutable, which this browser keeps. */
    private final java.util.Set<String> imagesKept = new java.util.HashSet<>();
    private int imagesFetched;
    private int imagesReused;
    private String sessionCookie = "";
    private String formCsrf = "";
    private int uiId = -1;
    private String uidlCsrf = "";
    private int syncId;
    private int clientId;
    private int historyIndex;
    private int pollInterval = -1;
    private String lastUidlRequest = "";
    private String lastUidlAnswer = "";

    BrowserSession(HttpClient http, int port) {
        this.http = http;
        this.base = "http://localhost:" + port + "/";
    }

    /** Form login as the portal's login page posts it; a problem if the portal does not let the person in. */
    Optional<String> signIn(String username, String password) throws IOException, InterruptedException {
        var page = get("login");
        if (page.statusCode() != 200 || !readFormCsrf(page.body())) {
            return Optional.of("login page: HTTP " + page.statusCode());
        }
        String form = "username=" + encode(username) + "&password=" + encode(password) + "&_csrf=" + encode(formCsrf);
        var answer = send(request("login").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        String location = answer.headers().firstValue("Location").orElse("");
        return answer.statusCode() == 302 && !location.contains("error") ? Optional.empty()
                : Optional.of("sign-in of " + username + ": HTTP " + answer.statusCode() + " to " + location);
    }

    /** A page load in a new UI, as typing the address: shell, init, then the first navigation. */
    Optional<String> load(String route, String expected) throws IOException, InterruptedException {
        var shell = get(route);
        if (shell.statusCode() != 200 || !readFormCsrf(shell.body())) {
            return Optional.of("shell of /" + route + ": HTTP " + shell.statusCode());
        }
        var init = get("?v-r=init&location=" + encode(route) + "&query=");
        if (init.statusCode() != 200 || !init.body().startsWith("{")) {
            return Optional.of("init of /" + route + ": HTTP " + init.statusCode());
        }
        var config = UidlResponse.tree(init.body()).path("appConfig");
        uiId = config.path("v-uiId").asInt();
        var uidl = config.path("uidl");
        uidlCsrf = uidl.path("Vaadin-Security-Key").asString();
        syncId = uidl.path("syncId").asInt();
        clientId = uidl.path("clientId").asInt();
        historyIndex = 0;
        return navigate(route, expected, "");
    }

    /** A click on a menu or router link: {@code ui-navigate} in the same UI, then the page's images. */
    Optional<String> navigate(String route, String expected, String trigger) throws IOException, InterruptedException {
        String event = """
                {"type":"event","node":1,"event":"ui-navigate","data":{"route":%s,"query":"","appShellTitle":"",\
                "historyState":{"idx":%d},"trigger":"%s"}}""".formatted(quote(route), historyIndex++, trigger);
        var answer = uidl(event, expected);
        if (answer.problem().isPresent()) {
            return answer.problem().map(p -> "/" + route + ": " + p);
        }
        for (String image : answer.images()) {
            if (imagesKept.contains(image)) {
                imagesReused++;
                continue; // it came as immutable: a browser keeps it and does not ask again
            }
            imagesFetched++;
            var picture = send(request(image).header("Accept-Encoding", "gzip").GET(), HttpResponse.BodyHandlers.ofByteArray());
            String type = picture.headers().firstValue("Content-Type").orElse("");
            if (picture.statusCode() != 200 || !type.startsWith("image/") || picture.body().length == 0) {
                return Optional.of("/" + route + ": image " + image + " HTTP " + picture.statusCode() + " " + type);
            }
            if (picture.headers().firstValue("Cache-Control").orElse("").contains("immutable")) {
                imagesKept.add(image);
            }
        }
        return Optional.empty();
    }

    /** Chart images fetched from the portal, and shown again from this browser's own copy. */
    int imagesFetched() {
        return imagesFetched;
    }

    int imagesReused() {
        return imagesReused;
    }

    /** The poll a page asked for ({@code UI#setPollInterval}), as the client sends it when the interval is up. */
    Optional<String> poll() throws IOException, InterruptedException {
        return uidl("{\"type\":\"event\",\"node\":1,\"event\":\"ui-poll\",\"data\":{}}", "").problem();
    }

    /** The client's heartbeat, which keeps an open tab's UI alive. */
    Optional<String> heartbeat() throws IOException, InterruptedException {
        var answer = send(request("?v-r=heartbeat&v-uiId=" + uiId).POST(HttpRequest.BodyPublishers.noBody()));
        return answer.statusCode() == 200 ? Optional.empty() : Optional.of("heartbeat: HTTP " + answer.statusCode());
    }

    /** Sign-out: the HTTP session ends, and with it the Vaadin session and its UIs. */
    Optional<String> signOut() throws IOException, InterruptedException {
        var answer = send(request("logout").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + encode(formCsrf))));
        return answer.statusCode() == 302 ? Optional.empty() : Optional.of("sign-out: HTTP " + answer.statusCode());
    }

    /** The text of the answer to this tab's last UIDL message. */
    String lastAnswer() {
        return lastUidlAnswer;
    }

    /**
     * Sends this tab's last UIDL message again, as the client does when the answer was lost on the way,
     * and returns what the portal answers (HTTP status and body).
     */
    HttpResponse<String> resendLast() throws IOException, InterruptedException {
        return send(request("?v-r=uidl&v-uiId=" + uiId).header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(lastUidlRequest)));
    }

    /** Milliseconds between polls the current page asks for; zero or less when it does not poll. */
    int pollInterval() {
        return pollInterval;
    }

    private UidlResponse uidl(String rpc, String expected) throws IOException, InterruptedException {
        String body = "{\"csrfToken\":" + quote(uidlCsrf) + ",\"rpc\":[" + rpc + "],\"syncId\":" + syncId
                + ",\"clientId\":" + clientId + "}";
        var answer = send(request("?v-r=uidl&v-uiId=" + uiId).header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        lastUidlRequest = body;
        lastUidlAnswer = answer.body();
        var read = UidlResponse.read(answer.statusCode(), answer.body(), syncId, clientId, expected);
        syncId = read.syncId();
        clientId = read.clientId();
        read.pollInterval().ifPresent(interval -> pollInterval = interval);
        return read;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        var response = http.send(request.build(), body);
        response.headers().allValues("Set-Cookie").stream().map(SESSION::matcher).filter(java.util.regex.Matcher::find)
                .forEach(m -> sessionCookie = "JSESSIONID=" + m.group(1));
        return response;
    }

    private HttpRequest.Builder request(String path) {
        var builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT);
        return sessionCookie.isEmpty() ? builder : builder.header("Cookie", sessionCookie);
    }

    private boolean readFormCsrf(String html) {
        var token = CSRF.matcher(html);
        if (token.find()) {
            formCsrf = token.group(1);
            return true;
        }
        return false;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
