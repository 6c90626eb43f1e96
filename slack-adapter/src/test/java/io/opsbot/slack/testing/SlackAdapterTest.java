package io.opsbot.slack.testing;

import com.google.gson.JsonObject;
import io.opsbot.core.testing.FakeTrackers;
import io.opsbot.core.testing.MongoTestServer;
import io.opsbot.core.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Base of the Slack end-to-end tests: the real HTTP endpoint on a random port, signed requests in, a fake Slack Web
 * API out, MongoDB (mongo-java-server over TCP) underneath.
 */
@SpringBootTest(classes = SlackTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.quartz.auto-startup=false")
@ContextConfiguration(initializers = MongoTestServer.Initializer.class)
public abstract class SlackAdapterTest {

    public static final String SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    protected static final FakeSlackApi SLACK = new FakeSlackApi();
    /** Jira Cloud and Trello, for the feedback tracker links. */
    protected static final FakeTrackers TRACKERS = FakeTrackers.SHARED;

    @LocalServerPort
    protected int port;

    @Autowired
    private MutableClock botClock;

    protected SignedSlackRequests slack;

    @DynamicPropertySource
    static void slackProperties(DynamicPropertyRegistry registry) {
        registry.add("opsbot.slack.bot-token", () -> "xoxb-test-token");
        registry.add("opsbot.slack.signing-secret", () -> SIGNING_SECRET);
        againstTheFake(registry, SLACK);
        trackers(registry, TRACKERS);
    }

    /** Jira and Trello are the fake; the site it plays is the only one an admin may connect. */
    public static void trackers(DynamicPropertyRegistry registry, FakeTrackers fake) {
        registry.add("opsbot.secret.key", () -> FakeTrackers.SECRET_KEY);
        registry.add("opsbot.trackers.jira-sites", () -> java.util.regex.Pattern.quote(fake.jiraSite()));
        registry.add("opsbot.trackers.trello-api-url", fake::trelloApi);
        registry.add("opsbot.trackers.public-url", () -> "https://opsbot.example.com");
    }

    /** The Web API is the fake, which takes any pace (the pacing itself is tested with Slack's own limits). */
    public static void againstTheFake(DynamicPropertyRegistry registry, FakeSlackApi fake) {
        registry.add("opsbot.slack.api-base-url", fake::apiBaseUrl);
        registry.add("opsbot.slack.limits.channel-per-second", () -> "10000");
        registry.add("opsbot.slack.limits.channel-burst", () -> "10000");
        registry.add("opsbot.slack.limits.workspace-per-minute", () -> "1000000");
        registry.add("opsbot.slack.limits.workspace-burst", () -> "10000");
    }

    @BeforeEach
    void connect() {
        SLACK.reset();
        slack = new SignedSlackRequests("http://127.0.0.1:" + port + "/slack/events", SIGNING_SECRET,
                botClock::instant);
    }

    /**
     * A slash command typed in this workspace (not an Enterprise Grid org), answered through the fake's response URL
     * of that name.
     */
    protected HttpResponse<String> slashCommand(String command, String text, String channelId, String userId,
                                                String responseUrlName) {
        return slack.slashCommand(commandFields(command, text, channelId, userId,
                SLACK.responseUrl(responseUrlName)));
    }

    /** The form fields of a slash command typed in this workspace (not an Enterprise Grid org). */
    public static Map<String, String> commandFields(String command, String text, String channelId, String userId,
                                                    String responseUrl) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("team_id", FakeSlackApi.TEAM_ID);
        fields.put("enterprise_id", "");
        fields.put("channel_id", channelId);
        fields.put("user_id", userId);
        fields.put("command", command);
        fields.put("text", text);
        fields.put("response_url", responseUrl);
        return fields;
    }

    /**
     * An Events API envelope delivered to this workspace's installation: Slack names the workspace in
     * {@code team_id} and again in each authorization.
     */
    public static JsonObject inThisWorkspace(JsonObject envelope) {
        envelope.addProperty("team_id", FakeSlackApi.TEAM_ID);
        if (envelope.has("authorizations")) {
            envelope.getAsJsonArray("authorizations")
                    .forEach(a -> a.getAsJsonObject().addProperty("team_id", FakeSlackApi.TEAM_ID));
        }
        return envelope;
    }

    /** A message.im Events API delivery in this workspace, with an event id of its own, from the fixture's sender. */
    public static JsonObject directMessage(String text) {
        JsonObject envelope = inThisWorkspace(Fixtures.json("slack/events/message_im.docs.json"));
        envelope.addProperty("event_id", "Ev" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
        envelope.getAsJsonObject("event").addProperty("text", text);
        return envelope;
    }

    /** A message.im Events API delivery from this user in this DM channel. */
    public static JsonObject directMessage(String userId, String channelId, String text) {
        JsonObject envelope = directMessage(text);
        JsonObject event = envelope.getAsJsonObject("event");
        event.addProperty("user", userId);
        event.addProperty("channel", channelId);
        return envelope;
    }
}
