package io.opsbot.slack.faults;

import io.opsbot.core.delivery.Outbox;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.schedule.NudgeScheduler;
import io.opsbot.core.standup.Standup;
import io.opsbot.core.standup.StandupNudges;
import io.opsbot.core.standup.StandupRepository;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.core.testing.OutboxDriver;
import io.opsbot.slack.testing.FakeSlackApi;
import io.opsbot.slack.testing.SlackAdapterTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A standup run of 2,000 prompts while the fake Slack fails a third of the posts at random (500, 429 with
 * Retry-After, answers that never come, reset connections; half of them after the post landed): once the faults stop,
 * every person has exactly one prompt in their DM and the summary is posted once.
 */
@TestPropertySource(properties = {"opsbot.outbox.first-backoff=50ms", "opsbot.outbox.max-backoff=400ms",
        "opsbot.outbox.max-attempts=1000", "opsbot.slack.http-timeout=400ms",
        // Slack's own workspace pace (300 a minute) would make this a seven-minute test; the faults are the point.
        "opsbot.slack.limits.workspace-per-minute=1000000", "opsbot.slack.limits.workspace-burst=100000"})
class SlackDeliveryFaultsTest extends SlackAdapterTest {

    private static final int PEOPLE = 2000;

    @Autowired
    Outbox outbox;
    @Autowired
    NudgeScheduler nudges;
    @Autowired
    StandupNudges standups;
    @Autowired
    StandupRepository repository;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    MutableClock clock;

    @Test
    void twoThousandPromptsThroughRandomFaultsAreEachDeliveredOnce() {
        TenantRef tenant = TenantRef.slack(FakeSlackApi.TEAM_ID);
        List<UserRef> people = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            String id = String.format("U0F%05d", i);
            SLACK.user(id, "Person " + i, "UTC", false);
            people.add(new UserRef(tenant, id));
        }
        Standup standup = new Standup(tenant, "Faults", people.get(0), Instant.now());
        standup.setReportChannel(new Destination.Channel(tenant, "C0FAULTS"));
        standup.setParticipants(people);
        standup.setTeamZone(ZoneOffset.UTC);
        standup = repository.save(standup);
        long seed = System.nanoTime();
        SLACK.chaos(0.33, Duration.ofMillis(600), seed);

        long started = System.nanoTime();
        clock.set(Instant.now());
        assertThat(standups.runNow(standup)).isEqualTo(PEOPLE);
        nudges.fireDue();
        long planned = System.nanoTime();
        OutboxDriver retries = new OutboxDriver(outbox, mongo, clock);
        retries.retryFor(Duration.ofSeconds(8));
        long faults = SLACK.calls("chat.postMessage").stream().filter(c -> c.responseBody().startsWith("chaos"))
                .count();
        SLACK.calm();

        assertThat(retries.retryUntilSent("standup", Duration.ofSeconds(90)))
                .as("deliveries not sent (seed %d)", seed).isZero();
        System.out.printf("SlackDeliveryFaultsTest: %d prompts planned and queued in %.1f s, %d faults, all delivered "
                + "%.1f s after the start%n", PEOPLE, (planned - started) / 1e9, faults,
                (System.nanoTime() - started) / 1e9);
        assertThat(faults).as("faults injected").isGreaterThan(PEOPLE / 10);
        for (UserRef person : people) {
            assertThat(SLACK.landed("D" + person.userId(), "Time for Faults"))
                    .as("prompts to %s (seed %d)", person.userId(), seed).isEqualTo(1);
        }
        assertThat(SLACK.landed("C0FAULTS", "")).as("summary posts").isEqualTo(1);
    }
}
