package io.opsbot.slack.socket;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.slack.api.bolt.App;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.socket_mode.request.SocketModeRequest;
import com.slack.api.bolt.socket_mode.request.SocketModeRequestParser;
import io.opsbot.core.conversation.DatabaseAway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one Socket Mode envelope into a Bolt request (the same handlers as HTTP mode), and Bolt's response into the
 * acknowledgement Slack expects: {@code {"envelope_id": ...}}, with the response as {@code payload} when there is one
 * (a slash command's reply).
 */
final class EnvelopeHandler {

    private static final Logger log = LoggerFactory.getLogger(EnvelopeHandler.class);
    private static final Gson GSON = new Gson();

    private final App app;
    private final SocketModeRequestParser parser;

    EnvelopeHandler(App app) {
        this.app = app;
        this.parser = new SocketModeRequestParser(app.config());
    }

    /** The acknowledgement to send back, or null for a frame that is not an envelope Slack waits on. */
    String handle(String frame) {
        SocketModeRequest request = parser.parse(frame);
        if (request == null || request.getEnvelope() == null) {
            log.warn("Ignored a Socket Mode frame that is no known envelope");
            return null;
        }
        String envelopeId = request.getEnvelope().getEnvelopeId();
        Response response;
        try {
            response = app.run(request.getBoltRequest());
        } catch (Exception e) {
            if (DatabaseAway.is(e)) {
                // A slash command gets "try again in a moment" in its acknowledgement; an event or an interaction is
                // left unacknowledged, so Slack delivers it again.
                log.warn("Database unreachable while handling a Socket Mode envelope: {}", e.getMessage());
                return "slash_commands".equals(request.getEnvelope().getType())
                        ? ack(envelopeId, Response.json(200, "{\"response_type\":\"ephemeral\",\"text\":"
                        + GSON.toJson(DatabaseAway.MESSAGE) + "}")) : null;
            }
            log.error("Handling Socket Mode envelope {} failed", envelopeId, e);
            response = null;
        }
        return ack(envelopeId, response);
    }

    static String ack(String envelopeId, Response response) {
        JsonObject ack = new JsonObject();
        ack.addProperty("envelope_id", envelopeId);
        String body = response == null ? null : response.getBody();
        if (body != null && !body.isEmpty()) {
            String type = response.getContentType();
            if (type != null && type.startsWith("application/json")) {
                ack.add("payload", GSON.fromJson(body, JsonElement.class));
            } else {
                JsonObject text = new JsonObject();
                text.addProperty("text", body);
                ack.add("payload", text);
            }
        }
        return ack.toString();
    }
}
