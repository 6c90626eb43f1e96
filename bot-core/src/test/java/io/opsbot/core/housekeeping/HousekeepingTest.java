package io.opsbot.core.housekeeping;

import io.opsbot.core.claim.Claims;
import io.opsbot.core.delivery.Delivery;
import io.opsbot.core.delivery.Outbox;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.message.Message;
import io.opsbot.core.testing.CoreTest;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.core.testing.Tenants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@CoreTest
class HousekeepingTest {

    @Autowired
    MongoTemplate mongo;
    @Autowired
    Outbox outbox;
    @Autowired
    Claims claims;
    @Autowired
    MutableClock clock;

    @Test
    void oldFinishedWorkGoesButTriageCardsAndCurrentWorkStay() {
        String run = UUID.randomUUID().toString();
        Destination.Channel channel = new Destination.Channel(Tenants.slack(), "C1");
        outbox.sendNow("standup-summary:" + run, channel, Message.text("old summary"), null);
        outbox.sendNow("feedback-triage:" + run, channel, Message.text("old card"), null);
        claims.claim("slack-event:" + run, Duration.ofDays(1));
        await().until(() -> outbox.find("standup-summary:" + run).orElseThrow().getState() == Delivery.State.SENT);

        clock.advance(Duration.ofDays(91));
        outbox.sendNow("standup-summary:new-" + run, channel, Message.text("new summary"), null);
        Housekeeping.cleanUp(mongo, clock.instant());

        assertThat(outbox.find("standup-summary:" + run)).isEmpty();
        assertThat(outbox.find("feedback-triage:" + run)).isPresent();
        assertThat(outbox.find("standup-summary:new-" + run)).isPresent();
        assertThat(claims.isClaimed("slack-event:" + run)).isFalse();
    }

    @Test
    void anAnswerKeptForADayGoesAfterItOnceSentAndNotBefore() {
        String run = UUID.randomUUID().toString();
        Destination.Channel chat = new Destination.Channel(Tenants.slack(), "D-CHAT");
        outbox.enqueueInOrder(java.util.List.of(new Outbox.Outgoing("reply:" + run, chat, Message.text("Saved"),
                null)), clock.instant().plus(Duration.ofDays(1)));
        await().until(() -> outbox.find("reply:" + run).orElseThrow().getState() == Delivery.State.SENT);

        clock.advance(Duration.ofHours(23));
        Housekeeping.cleanUp(mongo, clock.instant());
        assertThat(outbox.find("reply:" + run)).as("within its day").isPresent();

        clock.advance(Duration.ofHours(2));
        Housekeeping.cleanUp(mongo, clock.instant());
        assertThat(outbox.find("reply:" + run)).as("after its day, not 90").isEmpty();
    }
}
