package io.opsbot.slack.web;

import io.opsbot.core.metrics.BotMetrics;
import com.google.gson.JsonObject;
import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.util.SlackRequestParser;
import io.opsbot.core.claim.Claims;
import io.opsbot.core.conversation.DatabaseAway;
import io.opsbot.slack.config.SlackProperties;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * Slack's HTTP entry point for commands, interactivity and events. The body is read as the bytes that arrived (never
 * through Spring's form handling, which would re-encode it) and its signature checked over exactly those bytes before
 * anything parses it; only then does Bolt see it. Refusals are answered without echoing anything and logged by
 * reason only. bolt-jakarta-servlet does the translation to Bolt too, but no 1.51.0 build of it is published.
 */
@RestController
class SlackEventsController {

    private static final Logger log = LoggerFactory.getLogger(SlackEventsController.class);
    /** Slack's payloads are a few kilobytes; anything far larger is not from Slack. */
    static final int MAX_BODY = 1 << 20;

    private final App app;
    private final SlackRequestParser parser;
    private final SlackSignatureCheck signatures;
    private final RefusedRequests refusals;

    SlackEventsController(App app, SlackProperties properties, Claims claims, Clock clock) {
        this.app = app;
        this.parser = new SlackRequestParser(app.config());
        this.signatures = new SlackSignatureCheck(properties.signingSecret() == null ? ""
                : properties.signingSecret(), claims, clock);
        this.refusals = new RefusedRequests(clock);
    }

    @PostMapping(path = "/slack/events")
    ResponseEntity<String> handle(HttpServletRequest servletRequest) throws IOException {
        byte[] raw;
        try (InputStream in = servletRequest.getInputStream()) {
            raw = in.readNBytes(MAX_BODY + 1);
        }
        if (raw.length > MAX_BODY) {
            refusals.refused("body too large");
            return error(HttpStatus.CONTENT_TOO_LARGE, "request too large");
        }
        long started = System.nanoTime();
        int status = 500;
        try {
            ResponseEntity<String> answer = handle(servletRequest, raw);
            status = answer.getStatusCode().value();
            return answer;
        } catch (RuntimeException e) {
            if (!DatabaseAway.is(e)) {
                throw e;
            }
            ResponseEntity<String> answer = databaseAway(raw, e);
            status = answer.getStatusCode().value();
            return answer;
        } finally {
            BotMetrics.ack("slack", kind(raw), status, System.nanoTime() - started);
        }
    }

    /** What kind of request it was, for the ack metric: a slash command, an interaction or an event. */
    private static String kind(byte[] raw) {
        String start = new String(raw, 0, Math.min(raw.length, 16), StandardCharsets.UTF_8);
        if (start.startsWith("payload=")) {
            return "interaction";
        }
        return start.startsWith("{") ? "event" : SlackBodies.isSlashCommand(new String(raw, StandardCharsets.UTF_8))
                ? "command" : "other";
    }

    private ResponseEntity<String> handle(HttpServletRequest servletRequest, byte[] raw) {
        SlackSignatureCheck.Verdict verdict = signatures.verify(raw,
                servletRequest.getHeader("X-Slack-Request-Timestamp"), servletRequest.getHeader("X-Slack-Signature"));
        if (!verdict.valid()) {
            refusals.refused(verdict.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
            return error(HttpStatus.UNAUTHORIZED, "invalid request");
        }
        String body = new String(raw, StandardCharsets.UTF_8);
        String problem = SlackBodies.problem(body);
        Request<?> request = problem != null ? null : parser.parse(SlackRequestParser.HttpRequest.builder()
                .requestUri(servletRequest.getRequestURI())
                .queryString(Map.of())
                .headers(BoltHttp.headers(servletRequest))
                .requestBody(body)
                .remoteAddress(servletRequest.getRemoteAddr())
                .build());
        if (request == null) {
            log.warn("Refused a signed Slack request: {}", problem != null ? problem : "not a request Bolt knows");
            return error(HttpStatus.BAD_REQUEST, "malformed payload");
        }
        try {
            return BoltHttp.toEntity(app.run(request));
        } catch (Exception e) {
            if (DatabaseAway.is(e)) {
                return databaseAway(raw, e);
            }
            log.error("Slack request failed", e);
            return error(HttpStatus.INTERNAL_SERVER_ERROR, "internal error");
        }
    }

    /**
     * The database is out of reach before the request got to the core (replay check, installation lookup): a slash
     * command is answered "try again in a moment" as the core would; anything else gets 503, which Slack retries.
     */
    private static ResponseEntity<String> databaseAway(byte[] raw, Exception e) {
        log.warn("Database unreachable while handling a Slack request: {}", e.getMessage());
        if (SlackBodies.isSlashCommand(new String(raw, StandardCharsets.UTF_8))) {
            JsonObject reply = new JsonObject();
            reply.addProperty("response_type", "ephemeral");
            reply.addProperty("text", DatabaseAway.MESSAGE);
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(reply.toString());
        }
        return error(HttpStatus.SERVICE_UNAVAILABLE, "try again later");
    }

    private static ResponseEntity<String> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body("{\"error\":\"" + message + "\"}");
    }

}
