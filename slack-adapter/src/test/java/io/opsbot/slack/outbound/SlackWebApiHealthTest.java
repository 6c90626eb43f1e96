package io.opsbot.slack.outbound;

import com.slack.api.Slack;
import io.opsbot.core.gateway.DeliveryException;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.message.Message;
import io.opsbot.core.ratelimit.RateLimiter;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.slack.config.SlackProperties;
import io.opsbot.slack.installation.SlackInstallations;
import io.opsbot.slack.testing.FakeSlackApi;
import io.opsbot.slack.testing.SlackAdapterTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Over HTTP nothing inbound shows that what the bot sends does not arrive: the Web API's health follows the gateway's
 * real calls to (a fake) Slack. Unanswered calls turn it DOWN only after a while; a refused bot token at once; any
 * answer from Slack, even an error about one channel, brings it back.
 */
class SlackWebApiHealthTest extends SlackAdapterTest {

    @Autowired
    Slack slackApi;
    @Autowired
    SlackInstallations installations;
    @Autowired
    RateLimiter limiter;
    @Autowired
    SlackProperties properties;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T09:00:00Z"));
    private final SlackWebApiStatus status = new SlackWebApiStatus(clock);
    private final SlackWebApiHealthIndicator health =
            new SlackWebApiHealthIndicator(status, true, Duration.ofMinutes(5), clock);
    private final Destination.Channel channel =
            new Destination.Channel(TenantRef.slack(FakeSlackApi.TEAM_ID), "CHEALTH" + UUID.randomUUID());

    @AfterEach
    void slackBack() {
        SLACK.down(false);
    }

    private SlackChatGateway gateway() {
        return new SlackChatGateway(slackApi, installations, new SlackPacing(limiter, properties.limits()),
                event -> { }, new SlackWebApi(status));
    }

    private Health check() {
        return health.health(true);
    }

    @Test
    void unansweredCallsTurnItDownAfterAWhileAndAnAnswerBringsItBack() {
        SlackChatGateway gateway = gateway();
        assertThat(check().getStatus()).isEqualTo(Status.UP);
        assertThat(check().getDetails()).containsEntry("webApi", "not called yet");

        SLACK.down(true);
        assertThatThrownBy(() -> gateway.send(channel, Message.text("lost in the network")))
                .isInstanceOfSatisfying(DeliveryException.class,
                        e -> assertThat(e.reason()).isEqualTo(DeliveryException.Reason.TRANSIENT));
        assertThat(check().getStatus()).as("a short outage").isEqualTo(Status.UP);
        assertThat(check().getDetails()).containsEntry("webApi", "unreachable").containsKey("lastError");

        clock.set(clock.instant().plus(Duration.ofMinutes(5)));
        assertThat(check().getStatus()).as("unanswered for 5 minutes").isEqualTo(Status.DOWN);

        SLACK.down(false);
        SLACK.failNext("chat.postMessage", "channel_not_found");
        assertThatThrownBy(() -> gateway.send(channel, Message.text("to a channel that is gone")))
                .isInstanceOf(DeliveryException.class);
        assertThat(check().getStatus()).as("Slack answers again").isEqualTo(Status.UP);
        assertThat(check().getDetails()).containsEntry("webApi", "ok");
    }

    @Test
    void aRefusedBotTokenTurnsItDownAtOnceWithoutSayingTheToken() {
        SlackChatGateway gateway = gateway();
        gateway.send(channel, Message.text("works"));
        assertThat(check().getStatus()).isEqualTo(Status.UP);

        SLACK.failNext("chat.postMessage", channel.channelId(), "token_revoked");
        assertThatThrownBy(() -> gateway.send(channel, Message.text("with a revoked token")))
                .isInstanceOf(DeliveryException.class);

        Health down = check();
        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat(down.getDetails()).containsEntry("webApi", "token refused")
                .containsEntry("lastError", "chat.postMessage: token_revoked");
        assertThat(down.toString()).doesNotContain(FakeSlackApi.TOKEN);
    }

    @Test
    void withInstallsByOAuthOneWorkspacesRefusedTokenSaysNothingOfTheOthers() {
        SlackWebApiHealthIndicator manyWorkspaces =
                new SlackWebApiHealthIndicator(status, false, Duration.ofMinutes(5), clock);
        SLACK.failNext("chat.postMessage", channel.channelId(), "token_revoked");
        assertThatThrownBy(() -> gateway().send(channel, Message.text("with a revoked token")))
                .isInstanceOf(DeliveryException.class);

        assertThat(manyWorkspaces.health(true).getStatus()).isEqualTo(Status.UP);
        assertThat(manyWorkspaces.health(true).getDetails()).containsEntry("webApi", "token refused");
    }
}
