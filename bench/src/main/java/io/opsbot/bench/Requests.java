package io.opsbot.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.opsbot.slack.testing.FakeSlackApi;
import io.opsbot.slack.testing.Fixtures;
import io.opsbot.slack.testing.SignedSlackRequests;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/** The requests the benchmarks send, as Slack and Teams send them. */
final class Requests {

    static final String SIGNING_SECRET = "bench-signing-secret";
    static final String TEAMS_TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private static final Path TEAMS_MESSAGE =
            Path.of("teams-adapter/src/test/resources/fixtures/teams/message.personal.json");

    /** Read once, when first needed. */
    private static final class TeamsFixture {
        static final String TEXT = read();

        private static String read() {
            try {
                return Files.readString(TEAMS_MESSAGE);
            } catch (IOException e) {
                throw new IllegalStateException("run the benchmark from the repository root (" + TEAMS_MESSAGE + ")",
                        e);
            }
        }
    }

    private Requests() {
    }

    /**
     * A signed slash command from person {@code user} (of {@link FakeSlackApi#TEAM_ID}), signed now, with the fields
     * of Slack's published example.
     */
    static HttpLoad.Call slash(URI uri, String command, String text, String user, long trigger) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("token", "gIkuvaNzQIHg97ATvDxqgjtO");
        fields.put("team_id", FakeSlackApi.TEAM_ID);
        fields.put("team_domain", "example");
        fields.put("channel_id", "C2147483705");
        fields.put("channel_name", "test");
        fields.put("user_id", user);
        fields.put("user_name", user.toLowerCase(java.util.Locale.ROOT));
        fields.put("command", command);
        fields.put("text", text);
        fields.put("api_app_id", "A0BENCH");
        fields.put("response_url", "https://hooks.slack.com/commands/1234/5678");
        fields.put("trigger_id", trigger + ".123.abc");
        String body = fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        long timestamp = Instant.now().getEpochSecond();
        return new HttpLoad.Call(uri, "application/x-www-form-urlencoded", body, List.of(
                "X-Slack-Request-Timestamp", Long.toString(timestamp),
                "X-Slack-Signature", SignedSlackRequests.sign(SIGNING_SECRET, timestamp, body)));
    }

    /**
     * A signed {@code app_home_opened} Events API delivery (the java-slack-sdk's test envelope, fixture
     * slack/events/app_home_opened.envelope.sdk-test.json) from person {@code user} of {@link FakeSlackApi#TEAM_ID},
     * complete when {@code published} completes.
     */
    static HttpLoad.Call appHomeOpened(URI uri, String user, long eventId, CompletableFuture<?> published) {
        JsonObject envelope = Fixtures.json("slack/events/app_home_opened.envelope.sdk-test.json");
        envelope.addProperty("team_id", FakeSlackApi.TEAM_ID);
        envelope.addProperty("api_app_id", "A0BENCH");
        envelope.addProperty("event_id", "EvBench" + eventId);
        envelope.addProperty("event_time", Instant.now().getEpochSecond());
        JsonObject event = envelope.getAsJsonObject("event");
        event.addProperty("user", user);
        event.addProperty("channel", "D" + user);
        event.getAsJsonObject("view").addProperty("team_id", FakeSlackApi.TEAM_ID);
        String body = envelope.toString();
        long timestamp = Instant.now().getEpochSecond();
        return new HttpLoad.Call(uri, "application/json", body, List.of(
                "X-Slack-Request-Timestamp", Long.toString(timestamp),
                "X-Slack-Signature", SignedSlackRequests.sign(SIGNING_SECRET, timestamp, body)), published);
    }

    /** Microsoft's published personal-chat message activity (run from the repository root), with this text and id. */
    static HttpLoad.Call teamsMessage(URI uri, String serviceUrl, String text, int person, long id) {
        String from = String.format("00000000-0000-4000-8000-%012d", person);
        JsonObject activity = JsonParser.parseString(TeamsFixture.TEXT).getAsJsonObject();
        activity.addProperty("id", "bench-" + id);
        activity.addProperty("text", text);
        activity.addProperty("serviceUrl", serviceUrl);
        activity.getAsJsonObject("from").addProperty("id", "29:bench-" + from);
        activity.getAsJsonObject("from").addProperty("aadObjectId", from);
        activity.getAsJsonObject("conversation").addProperty("id", "a:bench-" + from);
        return new HttpLoad.Call(uri, "application/json", activity.toString(), List.of());
    }
}
