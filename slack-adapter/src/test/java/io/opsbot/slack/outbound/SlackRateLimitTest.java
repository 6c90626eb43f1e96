package io.opsbot.slack.outbound;

import com.google.gson.JsonParser;
import com.slack.api.Slack;
import io.opsbot.core.feedback.FeedbackRepository;
import io.opsbot.core.gateway.DeliveryException;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.message.Message;
import io.opsbot.core.ratelimit.RateLimiter;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.slack.config.SlackProperties;
import io.opsbot.slack.installation.SlackInstallations;
import io.opsbot.slack.testing.FakeSlackApi;
import io.opsbot.slack.testing.SlackAdapterTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Limits: one person creating data too fast is asked to slow down (nothing stored); the Slack gateway posts at
 * Slack's published pace, waiting out short waits and failing longer ones as RATE_LIMITED with a retryAfter.
 */
class SlackRateLimitTest extends SlackAdapterTest {

    @Autowired
    FeedbackRepository feedback;
    @Autowired
    RateLimiter limiter;
    @Autowired
    Slack slackApi;
    @Autowired
    SlackInstallations installations;

    private final TenantRef tenant = TenantRef.slack(FakeSlackApi.TEAM_ID);

    @Test
    void aPersonCreatingTooFastIsAskedToSlowDownAndNothingIsStored() {
        String user = "U0FLOOD" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String tag = UUID.randomUUID().toString().substring(0, 8);

        // The limit runs on real time (one more every 3 s after a burst of 20): on a busy machine the captures take
        // long enough to earn a few more, so the refusal comes after the burst plus what refilled meanwhile.
        long start = System.nanoTime();
        int saved = 0;
        HttpResponse<String> refused = null;
        for (int i = 1; i <= 60 && refused == null; i++) {
            HttpResponse<String> response = slashCommand("/feedback", "Flood " + tag + " " + i, "C1", user, "flood");
            if (response.body().contains("Saved as")) {
                saved++;
            } else {
                refused = response;
            }
        }
        long refilled = Duration.ofNanos(System.nanoTime() - start).toSeconds() / 3;
        assertThat(refused).as("refused after the burst").isNotNull();
        assertThat(saved).as("the burst of 20, and %d refilled", refilled).isBetween(20, 20 + (int) refilled + 1);

        String text = JsonParser.parseString(refused.body()).getAsJsonObject().get("text").getAsString();
        assertThat(text).contains("slow down").contains("Nothing was saved");
        assertThat(feedback.findAll().stream().filter(i -> i.getSummary().startsWith("Flood " + tag)))
                .hasSize(saved);
        assertThat(slashCommand("/feedback", "Other person " + tag, "C1", user + "X", "flood").body())
                .as("per person").contains("Saved as");
    }

    @Test
    void postsToOneChannelGoAtAboutOneASecondAfterAShortBurst() {
        SlackChatGateway gateway = gateway(limits(1, 2));
        Destination.Channel channel = new Destination.Channel(tenant, "CPACED" + UUID.randomUUID());

        long start = System.nanoTime();
        for (int i = 0; i < 4; i++) {
            gateway.send(channel, Message.text("paced " + i));
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(SLACK.calls("chat.postMessage").stream().filter(c -> channel.channelId().equals(c.param("channel"))))
                .hasSize(4);
        assertThat(elapsed).as("a burst of 2, then one a second").isGreaterThanOrEqualTo(Duration.ofMillis(1800));
    }

    @Test
    void aWaitLongerThanAShortOneFailsAsRateLimitedWithRetryAfterAndSendsNothing() {
        SlackChatGateway gateway = gateway(limits(0.1, 1));
        Destination.Channel channel = new Destination.Channel(tenant, "CSLOW" + UUID.randomUUID());
        gateway.send(channel, Message.text("first"));

        assertThatThrownBy(() -> gateway.send(channel, Message.text("second")))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.reason()).isEqualTo(DeliveryException.Reason.RATE_LIMITED);
                    assertThat(e.retryAfter()).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
                });
        assertThat(SLACK.calls("chat.postMessage").stream().filter(c -> channel.channelId().equals(c.param("channel"))))
                .hasSize(1);
    }

    @Test
    void homeTabsArePublishedAtTheConfiguredPace() {
        SlackProperties.Limits slack = SlackProperties.Limits.DEFAULTS;
        SlackChatGateway gateway = gateway(new SlackProperties.Limits(slack.channelPerSecond(), slack.channelBurst(),
                slack.workspacePerMinute(), slack.workspaceBurst(), 1, 2));
        String user = "U0HOME" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        Destination.Home home = new Destination.Home(new UserRef(tenant, user));
        gateway.send(home, Message.text("home 1"));
        gateway.send(home, Message.text("home 2"));

        assertThatThrownBy(() -> gateway.send(home, Message.text("home 3")))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.reason()).isEqualTo(DeliveryException.Reason.RATE_LIMITED);
                    assertThat(e.retryAfter()).isBetween(Duration.ofSeconds(50), Duration.ofSeconds(60));
                });
        assertThat(SLACK.calls("views.publish").stream().filter(c -> user.equals(c.param("user_id")))).hasSize(2);
    }

    private SlackChatGateway gateway(SlackProperties.Limits limits) {
        return new SlackChatGateway(slackApi, installations, new SlackPacing(limiter, limits), event -> { },
                new SlackWebApi(new SlackWebApiStatus(Clock.systemUTC())));
    }

    /** Slack's workspace pace, and this channel pace. */
    private static SlackProperties.Limits limits(double channelPerSecond, int channelBurst) {
        SlackProperties.Limits slack = SlackProperties.Limits.DEFAULTS;
        return new SlackProperties.Limits(channelPerSecond, channelBurst, slack.workspacePerMinute(),
                slack.workspaceBurst(), slack.homePublishesPerMinute(), slack.homePublishBurst());
    }
}
