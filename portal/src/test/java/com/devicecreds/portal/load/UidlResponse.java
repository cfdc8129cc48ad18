package com.devicecreds.portal.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One answer of Vaadin Flow's server to a UIDL request (a navigation, a poll), read as its client
 * reads it: the next sync and client ids, the poll interval the page asks for, the images the page
 * shows (an image's {@code src}: charts, at addresses that name their content), and whether it is an error instead of the page.
 */
record UidlResponse(int syncId, int clientId, Optional<Integer> pollInterval, List<String> images,
        Optional<String> problem) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern IMAGE = Pattern.compile(
            "\"key\":\"src\",\"feat\":\\d+,\"value\":\"(charts/[0-9a-f]{32}\\.svg)\"");
    private static final Pattern POLL = Pattern.compile("\"key\":\"pollInterval\",\"feat\":\\d+,\"value\":(-?\\d+)");
    /** Texts that only an error shows: the portal's incident messages and Flow's own error views. */
    private static final List<String> ERROR_TEXTS = List.of("Internal error", "Could not navigate",
            "The page could not be shown", "Something went wrong (incident");

    /**
     * Reads a response to a request sent with {@code syncId} and {@code clientId}; {@code expected} is
     * text the page must show (its title or a heading), or empty for a poll.
     */
    static UidlResponse read(int status, String body, int syncId, int clientId, String expected) {
        if (status != 200) {
            return failed(syncId, clientId, "HTTP " + status);
        }
        String json = body.startsWith("for(;;);") ? body.substring("for(;;);".length()) : body;
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (RuntimeException e) {
            return failed(syncId, clientId, "not UIDL: " + abbreviate(body));
        }
        if (root.isArray()) {
            root = root.get(0);
        }
        int nextSync = root.path("syncId").asInt(syncId);
        int nextClient = root.path("clientId").asInt(clientId + 1);
        Optional<String> problem = Optional.empty();
        if (root.has("appError") || root.path("meta").path("appError").isObject()) {
            problem = Optional.of("appError: " + abbreviate(root.toString()));
        } else if (root.path("meta").path("sessionExpired").asBoolean(false)) {
            problem = Optional.of("session expired");
        } else {
            problem = ERROR_TEXTS.stream().filter(json::contains).findFirst().map(t -> "error text \"" + t + "\"")
                    .or(() -> expected.isEmpty() || json.contains("\"" + expected + "\"") ? Optional.empty()
                            : Optional.of("\"" + expected + "\" missing"));
        }
        var poll = POLL.matcher(json);
        Optional<Integer> interval = Optional.empty();
        while (poll.find()) {
            interval = Optional.of(Integer.parseInt(poll.group(1)));
        }
        var images = new ArrayList<String>();
        var image = IMAGE.matcher(json);
        while (image.find()) {
            images.add(image.group(1));
        }
        return new UidlResponse(nextSync, nextClient, interval, images, problem);
    }

    static UidlResponse failed(int syncId, int clientId, String problem) {
        return new UidlResponse(syncId, clientId, Optional.empty(), List.of(), Optional.of(problem));
    }

    static JsonNode tree(String json) {
        return JSON.readTree(json);
    }

    static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
