package com.devicecreds.portal.webhook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a delivery's body from the JSON event: as it is for {@link WebhookFormat#JSON}, or as the
 * message a Slack or Microsoft Teams incoming webhook shows (docs/webhooks.md).
 */
@Component
class WebhookPayloads {

    private final JsonMapper json;

    WebhookPayloads(JsonMapper json) {
        this.json = json;
    }

    String body(String event, WebhookFormat format) {
        if (format == WebhookFormat.JSON) {
            return event;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> e = json.readValue(event, Map.class);
        String title = String.valueOf(e.get("title"));
        String text = String.valueOf(e.get("text"));
        Object link = e.get("link");
        String operator = e.get("operator") == null ? "all operators" : String.valueOf(e.get("operator"));
        String context = "%s · %s · %s".formatted(e.get("type"), operator, e.get("occurredAt"));
        return json.writeValueAsString(format == WebhookFormat.SLACK ? slack(title, text, link, context)
                : teams(title, text, link, String.valueOf(e.get("type")), operator, String.valueOf(e.get("occurredAt"))));
    }

    private static Map<String, Object> slack(String title, String text, Object link, String context) {
        String linked = link == null ? "" : "\n<" + link + "|Open in the credentials portal>";
        var blocks = new ArrayList<Object>();
        blocks.add(Map.of("type", "header", "text", Map.of("type", "plain_text", "text", limit(title, 150))));
        blocks.add(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", limit(text + linked, 3000))));
        blocks.add(Map.of("type", "context", "elements", List.of(Map.of("type", "mrkdwn", "text", context))));
        var message = new LinkedHashMap<String, Object>();
        // The text is what notifications and clients without blocks show.
        message.put("text", title + "\n" + text + linked);
        message.put("blocks", blocks);
        return message;
    }

    private static Map<String, Object> teams(String title, String text, Object link, String type, String operator,
            String occurredAt) {
        var card = new LinkedHashMap<String, Object>();
        card.put("@type", "MessageCard");
        card.put("@context", "https://schema.org/extensions");
        card.put("summary", title);
        card.put("themeColor", "0B5CAD");
        card.put("title", title);
        card.put("text", text.replace("\n", "<br>"));
        card.put("sections", List.of(Map.of("facts", List.of(Map.of("name", "Event", "value", type),
                Map.of("name", "Operator", "value", operator), Map.of("name", "Occurred at", "value", occurredAt)))));
        if (link != null) {
            card.put("potentialAction", List.of(Map.of("@type", "OpenUri", "name", "Open in the credentials portal",
                    "targets", List.of(Map.of("os", "default", "uri", String.valueOf(link))))));
        }
        return card;
    }

    private static String limit(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
