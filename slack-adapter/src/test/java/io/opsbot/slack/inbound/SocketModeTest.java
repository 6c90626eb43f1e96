package io.opsbot.slack.inbound;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.opsbot.core.feedback.FeedbackRepository;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.testing.MongoTestServer;
import io.opsbot.slack.testing.FakeSlackApi;
import io.opsbot.slack.testing.FakeSocketModeServer;
import io.opsbot.slack.testing.Fixtures;
import io.opsbot.slack.testing.SlackTestApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Socket Mode: with an app-level token the bot opens apps.connections.open, connects to the WebSocket it is given, and
 * answers a slash command envelope with an ack that carries the reply (accepts_response_payload).
 */
@SpringBootTest(classes = SlackTestApplication.class, properties = "spring.quartz.auto-startup=false")
@ContextConfiguration(initializers = MongoTestServer.Initializer.class)
class SocketModeTest {

    private static final FakeSlackApi SLACK = new FakeSlackApi();
    private static final FakeSocketModeServer SOCKET = FakeSocketModeServer.startFor(SLACK);

    @Autowired
    FeedbackRepository feedback;

    @DynamicPropertySource
    static void socketMode(DynamicPropertyRegistry registry) {
        registry.add("opsbot.slack.bot-token", () -> "xoxb-test-token");
        registry.add("opsbot.slack.app-token", () -> "xapp-1-test");
        registry.add("opsbot.slack.api-base-url", SLACK::apiBaseUrl);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        SOCKET.stop(1000);
        SLACK.close();
    }

    @Test
    void slashCommandOverSocketModeIsAckedWithTheReplyAndStored() {
        await().atMost(Duration.ofSeconds(10)).until(SOCKET::connected);
        FakeSlackApi.Call open = SLACK.awaitCall("apps.connections.open", c -> true);
        assertThat(open.headers().get("authorization")).isEqualTo("Bearer xapp-1-test");

        JsonObject envelope = Fixtures.json("slack/socket_mode/slash_commands.json");
        JsonObject payload = envelope.getAsJsonObject("payload");
        payload.addProperty("team_id", FakeSlackApi.TEAM_ID);
        payload.addProperty("command", "/feedback");
        payload.addProperty("text", "Socket mode capture works #integrations");
        SOCKET.push(envelope.toString());

        String ack = await().atMost(Duration.ofSeconds(10)).until(
                () -> SOCKET.received().stream().filter(m -> m.contains("xxx-11-222-yyy-zzz")).findFirst()
                        .orElse(null), java.util.Objects::nonNull);
        JsonObject response = JsonParser.parseString(ack).getAsJsonObject();
        assertThat(response.getAsJsonObject("payload").get("response_type").getAsString()).isEqualTo("ephemeral");
        assertThat(response.getAsJsonObject("payload").get("text").getAsString()).contains("Saved as FB-");
        assertThat(feedback.findAll()).filteredOn(i -> i.getTenant().equals(TenantRef.slack(FakeSlackApi.TEAM_ID)))
                .anyMatch(item -> item.getSummary().equals("Socket mode capture works")
                        && "integrations".equals(item.getArea()));
    }
}
