package io.opsbot.teams.faults;

import io.opsbot.core.delivery.Outbox;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.message.Message;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.core.testing.OutboxDriver;
import io.opsbot.teams.testing.FakeBotConnector.Recorded;
import io.opsbot.teams.testing.TeamsAdapterTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 2,000 prompts to people's 1:1 chats while the fake Bot Connector fails a third of the calls (creating the chat and
 * sending) at random with 500, 429 with Retry-After, answers that never come and reset connections: once the faults
 * stop, everyone has exactly one prompt.
 */
@TestPropertySource(properties = {"opsbot.outbox.first-backoff=50ms", "opsbot.outbox.max-backoff=400ms",
        "opsbot.outbox.max-attempts=1000", "opsbot.teams.connector-read-timeout=1s"})
class TeamsDeliveryFaultsTest extends TeamsAdapterTest {

    private static final int PEOPLE = 2000;

    @Autowired
    Outbox outbox;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    MutableClock clock;

    @Test
    void twoThousandPromptsThroughRandomFaultsAreEachDeliveredOnce() {
        send(fixture("installationUpdate.add.team.json"));
        List<Outbox.Outgoing> prompts = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            UserRef person = new UserRef(tenant, String.format("29:faults-%05d", i));
            prompts.add(new Outbox.Outgoing("teams-faults:" + tenantId + ":" + i, new Destination.Direct(person),
                    Message.text("Time for the faults standup"), null));
        }
        long seed = System.nanoTime();
        connector.chaos(0.33, Duration.ofMillis(1500), seed);

        clock.set(Instant.now());
        outbox.enqueueAll(prompts);
        OutboxDriver retries = new OutboxDriver(outbox, mongo, clock);
        retries.retryFor(Duration.ofSeconds(8));
        long faults = connector.connectorCalls().stream().filter(this::mine)
                .filter(r -> String.valueOf(r.answer().get()).startsWith("chaos")).count();
        connector.calm();
        assertThat(retries.retryUntilSent("teams-faults:" + tenantId, Duration.ofSeconds(180)))
                .as("deliveries not sent (seed %d)", seed).isZero();
        assertThat(faults).as("faults injected").isGreaterThan(PEOPLE / 10);
        Map<String, String> personOfChat = new HashMap<>();
        for (Recorded created : createdConversations()) {
            if (created.responseId() != null) {
                personOfChat.put(created.responseId(), created.body().path("members").path(0).path("id").asText());
            }
        }
        Map<String, Long> promptsPerPerson = sent().stream().filter(r -> r.responseId() != null)
                .filter(r -> r.text().contains("Time for the faults standup"))
                .collect(Collectors.groupingBy(r -> personOfChat.getOrDefault(r.conversationId(), "?"),
                        Collectors.counting()));
        assertThat(promptsPerPerson).as("people prompted (seed %d)", seed).hasSize(PEOPLE)
                .doesNotContainKey("?")
                .allSatisfy((person, count) -> assertThat(count).as("prompts to %s", person).isEqualTo(1));
    }
}
