package io.opsbot.slack.outbound;

import io.opsbot.core.delivery.Delivery;
import io.opsbot.core.delivery.Outbox;
import io.opsbot.core.message.Message;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.slack.testing.FakeSlackApi;
import io.opsbot.slack.testing.SlackAdapterTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A post whose answer never came back (Slack did the work, then a 503 or a cut connection reached the bot) is looked
 * for in the conversation, by the outbox key in its metadata, before it is posted again: found, it is recorded as
 * sent; not found (the post never happened), it is posted once.
 */
class UnfinishedSendTest extends SlackAdapterTest {

    private static final TenantRef TENANT = TenantRef.slack(FakeSlackApi.TEAM_ID);

    @Autowired
    Outbox outbox;
    @Autowired
    MutableClock clock;
    @Autowired
    org.springframework.data.mongodb.core.MongoTemplate mongo;
    @Autowired
    io.opsbot.core.gateway.Messenger messenger;
    @Autowired
    org.springframework.beans.factory.ObjectProvider<io.opsbot.core.gateway.FileSender> files;
    @Autowired
    org.springframework.beans.factory.ObjectProvider<io.opsbot.core.cluster.Instances> instances;
    @Autowired
    io.opsbot.core.delivery.OutboxProperties properties;

    /** The bot's clock is the real one here: Slack's message timestamps (the fake's too) follow real time. */
    @org.junit.jupiter.api.BeforeEach
    void realTime() {
        clock.set(java.time.Instant.now());
    }

    @Test
    void aPostWhoseAnswerWasLostIsFoundOnSlackAndNotPostedAgain() {
        String key = "test:" + UUID.randomUUID();
        SLACK.loseAnswerOfNext("chat.postMessage", "ULOST");
        outbox.enqueue(key, new Destination.Direct(new UserRef(TENANT, "ULOST")), Message.text("Hello once"), null);
        await().until(() -> outbox.find(key).map(Delivery::isInDoubt).orElse(false));

        clock.advance(Duration.ofMinutes(5));
        outbox.retryDue();

        Delivery delivery = await().until(() -> outbox.find(key).orElseThrow(),
                d -> d.getState() == Delivery.State.SENT);
        assertThat(SLACK.calls("chat.postMessage")).filteredOn(c -> "ULOST".equals(c.param("channel"))).hasSize(1);
        assertThat(SLACK.calls("conversations.history")).filteredOn(c -> "DULOST".equals(c.param("channel")))
                .hasSize(1);
        assertThat(delivery.getPosted().conversationId()).isEqualTo("DULOST");
        String landed = SLACK.calls("conversations.history").stream()
                .filter(c -> "DULOST".equals(c.param("channel"))).findFirst().orElseThrow().response()
                .getAsJsonArray("messages").get(0).getAsJsonObject().get("ts").getAsString();
        assertThat(delivery.getPosted().messageId()).isEqualTo(landed);
    }

    @Test
    void aPostThatNeverHappenedIsPostedOnceOnTheRetry() {
        String key = "test:" + UUID.randomUUID();
        Destination.Channel channel = new Destination.Channel(TENANT, "CRETRY");
        SLACK.failNext("chat.postMessage", "CRETRY", "internal_error");
        outbox.enqueue(key, channel, Message.text("Hello again"), null);
        await().until(() -> outbox.find(key).map(Delivery::getAttempts).orElse(0) == 1
                && outbox.find(key).get().getLeaseUntil() == null);

        clock.advance(Duration.ofMinutes(5));
        outbox.retryDue();

        await().until(() -> outbox.find(key).orElseThrow().getState() == Delivery.State.SENT);
        List<FakeSlackApi.Call> posts = SLACK.calls("chat.postMessage").stream()
                .filter(c -> "CRETRY".equals(c.param("channel"))).toList();
        assertThat(posts).hasSize(2);
        assertThat(posts.get(1).param("metadata")).contains(key);
    }
    @Test
    void aMessageStoredByAnInstanceThatDiedBeforeItsAttemptIsLookedForThenPostedOnce() {
        String key = "test:" + UUID.randomUUID();
        Destination.Channel channel = new Destination.Channel(TENANT, "CDIED");
        // Stored (leased to this instance, as the parts of an answer are), and the instance gone before its attempt.
        Outbox dying = new Outbox(mongo, messenger, files, task -> { }, task -> { }, instances, properties, clock);
        dying.enqueueInOrder(List.of(new Outbox.Outgoing(key, channel, Message.text("Stored, then the crash"), null)),
                null);
        assertThat(outbox.find(key).orElseThrow().getLeaseUntil()).isNotNull();

        clock.advance(Duration.ofMinutes(5));
        outbox.retryDue();

        await().until(() -> outbox.find(key).orElseThrow().getState() == Delivery.State.SENT);
        // Its lease ran out unreleased, so it may have been posted: looked for first, then posted once.
        assertThat(SLACK.calls("conversations.history")).filteredOn(c -> "CDIED".equals(c.param("channel")))
                .hasSize(1);
        assertThat(SLACK.calls("chat.postMessage")).filteredOn(c -> "CDIED".equals(c.param("channel"))).hasSize(1);
    }
}
