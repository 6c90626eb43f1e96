package io.opsbot.core.testing;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Jira and Trello webhook deliveries, as they sign them, posted to the bot: bodies built from the real captures in
 * {@code fixtures/trackers/} (the issue key and status category, or the card's list move, set by the test).
 */
public final class TrackerWebhookRequests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newHttpClient();

    public TrackerWebhookRequests(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public HttpResponse<String> jira(String connectionId, String body, String signature) {
        return post("/webhooks/jira/" + connectionId, body, "X-Hub-Signature", signature);
    }

    public HttpResponse<String> trello(String connectionId, String body, String signature) {
        return post("/webhooks/trello/" + connectionId, body, "X-Trello-Webhook", signature);
    }

    private HttpResponse<String> post(String path, String body, String header, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (signature != null) {
            request.header(header, signature);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The real {@code jira:issue_updated} capture, about {@code key}, its status now in the given category. */
    public static String jiraIssueUpdated(String key, String categoryKey, String categoryName) {
        ObjectNode event = (ObjectNode) JSON.readTree(FakeTrackers.fixture(
                "jira/webhook.jira_issue_updated.status-change.json"));
        ObjectNode issue = (ObjectNode) event.get("issue");
        issue.put("key", key);
        ObjectNode status = (ObjectNode) issue.get("fields").get("status");
        status.put("name", categoryName);
        ObjectNode category = (ObjectNode) status.get("statusCategory");
        category.put("key", categoryKey);
        category.put("name", categoryName);
        return JSON.writeValueAsString(event);
    }

    /**
     * A Trello delivery: the envelope of the real capture ({@code model} a board), around the real updateCard action
     * that moved card 550df104… from list "_preferences" to "an empty List".
     */
    public static String trelloCardMoved() {
        ObjectNode envelope = (ObjectNode) JSON.readTree(
                FakeTrackers.fixture("trello/webhook.envelope.copyChecklist.json"));
        envelope.set("action", JSON.readTree(
                FakeTrackers.fixture("trello/webhook.updateCard.moved-list.action-only.json")));
        return JSON.writeValueAsString(envelope);
    }

    /** {@code X-Hub-Signature}: {@code sha256=} and the hex HMAC-SHA256 of the body. */
    public static String jiraSignature(String secret, String body) {
        return "sha256=" + HexFormat.of().formatHex(hmac("HmacSHA256", secret,
                body.getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code X-Trello-Webhook}: Base64 HMAC-SHA1 of the body followed by the callback URL. */
    public static String trelloSignature(String secret, String body, String callbackUrl) {
        return Base64.getEncoder().encodeToString(hmac("HmacSHA1", secret,
                (body + callbackUrl).getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] hmac(String algorithm, String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
