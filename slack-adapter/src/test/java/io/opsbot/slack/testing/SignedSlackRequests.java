package io.opsbot.slack.testing;

import com.google.gson.JsonObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Sends requests to the bot exactly as Slack does: the raw body signed with v0 HMAC-SHA256 over
 * {@code v0:<timestamp>:<body>} with the signing secret, in X-Slack-Signature and X-Slack-Request-Timestamp. Written
 * here from Slack's published algorithm rather than with the SDK, so the test checks Bolt's verifier independently.
 */
public class SignedSlackRequests {

    private static final AtomicLong TRIGGERS = new AtomicLong();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String url;
    private final String signingSecret;
    private final Supplier<Instant> clock;

    public SignedSlackRequests(String url, String signingSecret) {
        this(url, signingSecret, Instant::now);
    }

    /** Timestamps requests with {@code clock}: the bot's own clock in tests that move it. */
    public SignedSlackRequests(String url, String signingSecret, Supplier<Instant> clock) {
        this.url = url;
        this.signingSecret = signingSecret;
        this.clock = clock;
    }

    public static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Now, as the bot's clock has it, in Unix seconds. */
    public long now() {
        return clock.get().getEpochSecond();
    }

    /**
     * A slash command: the fixture's form body with the given fields replaced. Each gets a trigger id of its own, as
     * every command Slack sends does, unless the fields name one.
     */
    public HttpResponse<String> slashCommand(Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("trigger_id", TRIGGERS.incrementAndGet() + ".123.abc");
        all.putAll(fields);
        return post(withFields(Fixtures.text("slack/slash_command.form"), all),
                "application/x-www-form-urlencoded", now(), null, Map.of());
    }

    /** An interaction (view_submission, block_actions, message_action): {@code payload=<json>}. */
    public HttpResponse<String> interaction(JsonObject payload) {
        return post("payload=" + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8),
                "application/x-www-form-urlencoded", now(), null, Map.of());
    }

    /**
     * An Events API delivery; {@code retryNum} > 0 marks a redelivery as Slack does: sent later than the first, so
     * with a later timestamp and therefore a signature of its own.
     */
    public HttpResponse<String> event(JsonObject envelope, int retryNum) {
        Map<String, String> headers = retryNum > 0
                ? Map.of("X-Slack-Retry-Num", String.valueOf(retryNum), "X-Slack-Retry-Reason", "http_timeout")
                : Map.of();
        return post(envelope.toString(), "application/json", now() + retryNum, null, headers);
    }

    /** Signs with the given timestamp, or sends {@code forgedSignature} instead of the real one. */
    public HttpResponse<String> post(String body, String contentType, long timestamp, String forgedSignature,
                                     Map<String, String> extraHeaders) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", contentType)
                .header("X-Slack-Request-Timestamp", String.valueOf(timestamp))
                .header("X-Slack-Signature",
                        forgedSignature != null ? forgedSignature : sign(signingSecret, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        extraHeaders.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replaces (or adds) fields of a form-encoded body, keeping the rest as published. */
    public static String withFields(String form, Map<String, String> fields) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : form.strip().split("&")) {
            int eq = pair.indexOf('=');
            values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        values.putAll(fields);
        return values.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
