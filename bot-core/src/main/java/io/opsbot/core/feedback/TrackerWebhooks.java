package io.opsbot.core.feedback;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * What Jira and Trello post back. Each connection has its own URL and secret; a delivery is believed only when its
 * signature checks out (Jira: {@code X-Hub-Signature: sha256=<hex HMAC-SHA256 of the body>} keyed with the webhook's
 * secret; Trello: {@code X-Trello-Webhook}, Base64 HMAC-SHA1 of the body followed by the callback URL, keyed with the
 * application secret). Then the linked items move to the status the tenant's mapping gives the new state.
 */
@Service
public class TrackerWebhooks {

    private static final Logger log = LoggerFactory.getLogger(TrackerWebhooks.class);

    /** What became of a delivery, as HTTP says it. */
    public enum Verdict {
        /** Signed by the connection's secret: handled (or of no interest). */
        ACCEPTED,
        /** Unsigned, forged, or for no connection: refused, nothing changed. */
        UNAUTHORIZED,
        /** Signed, but not JSON. */
        MALFORMED
    }

    private final TrackerConnections connections;
    private final FeedbackService feedback;
    private final JsonMapper json = JsonMapper.builder().build();

    public TrackerWebhooks(TrackerConnections connections, FeedbackService feedback) {
        this.connections = connections;
        this.feedback = feedback;
    }

    /** A Jira delivery: an issue's status category moved its linked items. */
    public Verdict jira(String connectionId, byte[] body, String signature) {
        Optional<TrackerConnection> connection = connection(connectionId, TrackerKind.JIRA);
        if (connection.isEmpty() || signature == null || !signature.startsWith("sha256=")
                || !matches(signature.substring("sha256=".length()).toLowerCase(java.util.Locale.ROOT),
                HexFormat.of().formatHex(hmac("HmacSHA256", connections.webhookSecret(connection.get()), body)))) {
            return refused("Jira", connectionId);
        }
        JsonNode event = parse(body);
        if (event == null) {
            return Verdict.MALFORMED;
        }
        if (!"jira:issue_updated".equals(event.path("webhookEvent").asString("")) || !statusChanged(event)) {
            return Verdict.ACCEPTED;
        }
        JsonNode issue = event.path("issue");
        String category = issue.path("fields").path("status").path("statusCategory").path("key").asString("");
        apply(connection.get(), issue.path("key").asString(""), TrackerMapping.jiraCategory(category));
        return Verdict.ACCEPTED;
    }

    /** A Trello delivery: a card moved to another list moved its linked item. */
    public Verdict trello(String connectionId, byte[] body, String signature) {
        Optional<TrackerConnection> connection = connection(connectionId, TrackerKind.TRELLO);
        if (connection.isEmpty() || signature == null) {
            return refused("Trello", connectionId);
        }
        byte[] callback = connections.webhookUrl(connection.get()).getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[body.length + callback.length];
        System.arraycopy(body, 0, signed, 0, body.length);
        System.arraycopy(callback, 0, signed, body.length, callback.length);
        String expected = Base64.getEncoder().encodeToString(hmac("HmacSHA1",
                connections.webhookSecret(connection.get()), signed));
        if (!matches(signature.strip(), expected)) {
            return refused("Trello", connectionId);
        }
        JsonNode event = parse(body);
        if (event == null) {
            return Verdict.MALFORMED;
        }
        JsonNode action = event.path("action");
        JsonNode listAfter = action.path("data").path("listAfter");
        if ("updateCard".equals(action.path("type").asString("")) && listAfter.has("name")) {
            apply(connection.get(), action.path("data").path("card").path("id").asString(""),
                    TrackerMapping.normalize(listAfter.path("name").asString()));
        }
        return Verdict.ACCEPTED;
    }

    /**
     * Whether the update moved the issue's status: an edit of its summary or a comment leaves the item where a
     * triager may have put it since.
     */
    private static boolean statusChanged(JsonNode event) {
        JsonNode items = event.path("changelog").path("items");
        if (!items.isArray()) {
            return true;
        }
        for (JsonNode item : items) {
            if ("status".equals(item.path("field").asString(""))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the connection exists (Trello checks a callback URL with HEAD before it creates a webhook). */
    public boolean exists(String connectionId, TrackerKind kind) {
        return connection(connectionId, kind).isPresent();
    }

    private void apply(TrackerConnection connection, String key, String state) {
        FeedbackStatus status = connection.getMapping().get(state);
        if (key.isEmpty() || status == null) {
            return;
        }
        for (FeedbackItem item : feedback.linkedTo(connection.getTenant(), connection.getKind(), key)) {
            FeedbackItem moved = feedback.changeStatusFromTracker(item, status);
            if (moved != null) {
                log.info("{} moved {} to {} ({} “{}”)", connection.getKind().label(), item.reference(),
                        status.label(), key, state);
            }
        }
    }

    private Optional<TrackerConnection> connection(String id, TrackerKind kind) {
        return connections.byId(id).filter(c -> c.getKind() == kind);
    }

    private static Verdict refused(String service, String connectionId) {
        log.warn("Refused a {} webhook delivery to connection {}: missing or wrong signature", service,
                connectionId.length() > 40 ? connectionId.substring(0, 40) : connectionId);
        return Verdict.UNAUTHORIZED;
    }

    private JsonNode parse(byte[] body) {
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static boolean matches(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] hmac(String algorithm, String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }
}
