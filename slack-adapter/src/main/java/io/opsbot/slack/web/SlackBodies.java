package io.opsbot.slack.web;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks that a correctly signed body has the shape of something Slack sends, so a malformed one gets a clear 400
 * instead of reaching a handler that would stumble over it: a slash command form (command, user_id), an interaction
 * ({@code payload=} holding a JSON object with a type and a user), or an Events API JSON object.
 */
final class SlackBodies {

    private SlackBodies() {
    }

    /** Null when the body looks like a Slack request, else what is wrong with it (a fixed text, safe to log). */
    static String problem(String body) {
        String trimmed = body.strip();
        if (trimmed.startsWith("{")) {
            JsonObject json = object(trimmed);
            if (json == null || !isText(json, "type")) {
                return "an Events API body that is not a JSON object with a type";
            }
            return "event_callback".equals(json.get("type").getAsString()) && !json.has("event")
                    ? "an event_callback without an event" : null;
        }
        Map<String, String> form = form(trimmed);
        if (form == null) {
            return "a form body that cannot be decoded";
        }
        if (form.containsKey("payload")) {
            JsonObject payload = object(form.get("payload"));
            if (payload == null || !isText(payload, "type")) {
                return "an interaction payload that is not a JSON object with a type";
            }
            JsonElement user = payload.get("user");
            return user != null && user.isJsonObject() && isText(user.getAsJsonObject(), "id") ? null
                    : "an interaction payload without a user";
        }
        if (form.containsKey("command")) {
            return form.get("command").isBlank() || form.getOrDefault("user_id", "").isBlank()
                    ? "a slash command without a command or user" : null;
        }
        return form.containsKey("ssl_check") ? null : "a body that is neither a command, an interaction nor an event";
    }

    private static JsonObject object(String text) {
        try {
            JsonElement element = JsonParser.parseString(text);
            return element.isJsonObject() ? element.getAsJsonObject() : null;
        } catch (JsonParseException | IllegalStateException e) {
            return null;
        }
    }

    private static boolean isText(JsonObject object, String field) {
        JsonElement value = object.get(field);
        return value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()
                && !value.getAsString().isBlank();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new HashMap<>();
        try {
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return fields;
    }
}
