package io.opsbot.slack.inbound;

import com.google.gson.JsonObject;
import io.opsbot.core.feedback.FeedbackRepository;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.slack.testing.FakeSlackApi;
import io.opsbot.slack.testing.Fixtures;
import io.opsbot.slack.testing.SlackAdapterTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Direct messages and mentions: Events API deliveries in, answers out, redeliveries answered once. */
class SlackMessageEventsTest extends SlackAdapterTest {

    @Autowired
    FeedbackRepository feedback;

    @Test
    void aDirectMessageCommandIsAnsweredInTheDm() {
        String summary = "Dark mode for reports " + UUID.randomUUID();

        HttpResponse<String> response = slack.event(directMessage("feedback " + summary), 0);

        assertThat(response.statusCode()).isEqualTo(200);
        FakeSlackApi.Call reply = SLACK.awaitCall("chat.postMessage", c -> "D024BE91L".equals(c.param("channel")));
        assertThat(reply.param("text")).contains("Saved as FB-").contains(summary);
        assertThat(feedback.findAll()).filteredOn(item -> item.getTenant().equals(TenantRef.slack(FakeSlackApi.TEAM_ID)))
                .anyMatch(item -> item.getSummary().equals(summary) && item.getReporter().userId().equals("U2147483697"));
    }

    @Test
    void aRedeliveredEventIsAnsweredOnce() {
        JsonObject event = directMessage("help");

        assertThat(slack.event(event, 0).statusCode()).isEqualTo(200);
        SLACK.awaitCall("chat.postMessage", c -> "D024BE91L".equals(c.param("channel")));
        assertThat(slack.event(event, 1).statusCode()).isEqualTo(200);
        assertThat(slack.event(event, 2).statusCode()).isEqualTo(200);

        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(2))
                .until(() -> SLACK.calls("chat.postMessage").stream()
                        .filter(c -> "D024BE91L".equals(c.param("channel"))).count() == 1);
    }

    @Test
    void bareFeedbackInADmOffersAButtonThatOpensTheModal() {
        slack.event(directMessage("feedback"), 0);

        FakeSlackApi.Call reply = SLACK.awaitCall("chat.postMessage", c -> "D024BE91L".equals(c.param("channel")));
        assertThat(reply.param("blocks")).contains("slack.open_form#0").contains("Open form");
    }

    @Test
    void messagesFromBotsAreIgnored() {
        JsonObject event = directMessage("feedback loop");
        event.getAsJsonObject("event").addProperty("bot_id", "B0001");

        assertThat(slack.event(event, 0).statusCode()).isEqualTo(200);

        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> SLACK.calls("chat.postMessage").isEmpty());
    }

    @Test
    void aMentionInAChannelIsAnsweredInItsThread() {
        JsonObject envelope = inThisWorkspace(Fixtures.json("slack/events/app_mention.docs.json"));
        envelope.getAsJsonObject("event").addProperty("text", "<@U0LAN0Z89> help");

        assertThat(slack.event(envelope, 0).statusCode()).isEqualTo(200);

        JsonObject event = envelope.getAsJsonObject("event");
        FakeSlackApi.Call reply = SLACK.awaitCall("chat.postMessage",
                c -> event.get("channel").getAsString().equals(c.param("channel")));
        assertThat(reply.param("thread_ts")).isEqualTo(event.get("ts").getAsString());
        assertThat(reply.param("text")).contains("Here is what I can do");
    }
}
