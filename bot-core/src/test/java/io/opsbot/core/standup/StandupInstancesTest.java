package io.opsbot.core.standup;

import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.core.testing.CoreTestApplication;
import io.opsbot.core.testing.MongoTestServer;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.core.testing.NudgeDriver;
import io.opsbot.core.testing.RecordingChatGateway;
import io.opsbot.core.testing.Tenants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Whole bot instances (each with its own Quartz scheduler, clock and gateway) on one database: a restart during the
 * answer window loses no prompt and sends none twice, and two instances firing the same minute send each prompt once.
 */
class StandupInstancesTest {

    static final Instant MONDAY_0855 = Instant.parse("2026-03-02T08:55:00Z");
    static final Instant MONDAY_0920 = Instant.parse("2026-03-02T09:20:00Z");

    private final List<ConfigurableApplicationContext> running = new ArrayList<>();
    private final String database = "instances_" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void stopAll() {
        running.forEach(ConfigurableApplicationContext::close);
    }

    private ConfigurableApplicationContext instance(Instant now) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(CoreTestApplication.class)
                .properties("spring.mongodb.uri=" + MongoTestServer.uri(database),
                        "spring.quartz.auto-startup=false", "spring.main.banner-mode=off")
                .run();
        context.getBean(MutableClock.class).set(now);
        running.add(context);
        return context;
    }

    private static Standup standup(ConfigurableApplicationContext app, TenantRef tenant, List<UserRef> people) {
        ProfileService profiles = app.getBean(ProfileService.class);
        for (UserRef user : people) {
            profiles.seen(new Invoker(user, "Person " + user.userId(), null, true, null));
        }
        Standup standup = new Standup(tenant, "Daily", people.get(0), app.getBean(MutableClock.class).instant());
        standup.setReportChannel(new Destination.Channel(tenant, "C-DAILY"));
        standup.setParticipants(people);
        standup.setTeamZone(java.time.ZoneId.of("Europe/London"));
        return app.getBean(StandupRepository.class).save(standup);
    }

    private static List<UserRef> people(TenantRef tenant, int count) {
        List<UserRef> people = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            people.add(new UserRef(tenant, "U" + i));
        }
        return people;
    }

    private static long prompts(ConfigurableApplicationContext app) {
        return app.getBean("slackGateway", RecordingChatGateway.class).sent().stream()
                .filter(s -> s.message().summary().startsWith("Time for")).count();
    }

    @Test
    void aRestartBeforeThePromptCatchesUpAndARestartAfterItSendsNothingTwice() {
        TenantRef tenant = Tenants.slack();
        ConfigurableApplicationContext first = instance(MONDAY_0855);
        standup(first, tenant, people(tenant, 3));
        first.getBean(StandupNudges.class).rebuild();
        first.getBean(NudgeDriver.class).runUntil(Instant.parse("2026-03-02T08:59:00Z"));
        assertThat(prompts(first)).isZero();
        first.close();

        // Down over 09:00; back at 09:20, inside the answer window: the missed prompts go out now, once.
        ConfigurableApplicationContext second = instance(MONDAY_0920);
        second.getBean(NudgeDriver.class).fireDue();
        await().until(() -> prompts(second) == 3);

        // Another restart a minute later: the same occurrence is caught up again, and nobody is asked twice.
        second.close();
        ConfigurableApplicationContext third = instance(MONDAY_0920.plusSeconds(60));
        third.getBean(NudgeDriver.class).fireDue();
        third.getBean(NudgeDriver.class).awaitOutboundIdle();
        assertThat(prompts(third)).isZero();
        assertThat(third.getBean(NudgeDriver.class).pending()).extracting(n -> n.kind())
                .contains(StandupNudges.PROMPT, StandupNudges.REMINDER, StandupNudges.CUTOFF);
    }

    @Test
    void aStandupCreatedThroughEitherInstanceFiresOnTimeWhileThatInstanceIsStopped() {
        TenantRef tenant = Tenants.slack();
        ConfigurableApplicationContext a = instance(MONDAY_0855);
        ConfigurableApplicationContext b = instance(MONDAY_0855);

        // Created through B (saved and scheduled there, as its form does), then B stops before 09:00.
        Standup throughB = standup(b, tenant, people(tenant, 4));
        b.getBean(StandupNudges.class).schedule(throughB, false);
        b.close();
        a.getBean(NudgeDriver.class).runUntil(Instant.parse("2026-03-02T09:01:00Z"));
        await().until(() -> prompts(a) == 4);

        // And the other way round: created through A on Tuesday, A stops, an instance that was already running fires.
        TenantRef other = Tenants.slack();
        ConfigurableApplicationContext c = instance(MONDAY_0920);
        Standup throughA = standup(a, other, people(other, 3));
        a.getBean(StandupNudges.class).schedule(throughA, false);
        a.close();
        c.getBean(NudgeDriver.class).runUntil(Instant.parse("2026-03-03T09:01:00Z"));
        await().until(() -> prompts(c) >= 3 + 4);
        c.getBean(NudgeDriver.class).awaitOutboundIdle();
        List<String> recipients = c.getBean("slackGateway", RecordingChatGateway.class).sent().stream()
                .filter(s -> s.message().summary().startsWith("Time for"))
                .map(s -> ((Destination.Direct) s.destination()).user().key()).toList();
        assertThat(recipients).as("Tuesday: both standups, each person once").doesNotHaveDuplicates().hasSize(7);
    }

    @Test
    void twoInstancesFiringTheSameMinuteAskEachPersonOnce() throws InterruptedException {
        TenantRef tenant = Tenants.slack();
        ConfigurableApplicationContext a = instance(MONDAY_0855);
        ConfigurableApplicationContext b = instance(MONDAY_0855);
        standup(a, tenant, people(tenant, 40));
        a.getBean(StandupNudges.class).rebuild();
        b.getBean(StandupNudges.class).rebuild();

        ExecutorService both = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        for (ConfigurableApplicationContext app : List.of(a, b)) {
            both.execute(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                app.getBean(NudgeDriver.class).runUntil(Instant.parse("2026-03-02T09:01:00Z"));
            });
        }
        start.countDown();
        both.shutdown();
        assertThat(both.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        await().until(() -> prompts(a) + prompts(b) == 40);
        a.getBean(NudgeDriver.class).awaitOutboundIdle();
        b.getBean(NudgeDriver.class).awaitOutboundIdle();
        assertThat(prompts(a) + prompts(b)).isEqualTo(40);
        List<String> recipients = new ArrayList<>();
        for (ConfigurableApplicationContext app : List.of(a, b)) {
            app.getBean("slackGateway", RecordingChatGateway.class).sent().stream()
                    .filter(s -> s.message().summary().startsWith("Time for"))
                    .forEach(s -> recipients.add(((Destination.Direct) s.destination()).user().userId()));
        }
        assertThat(recipients).doesNotHaveDuplicates().hasSize(40);
        long summaries = a.getBean("slackGateway", RecordingChatGateway.class).sent().stream()
                .filter(s -> s.destination() instanceof Destination.Channel).count()
                + b.getBean("slackGateway", RecordingChatGateway.class).sent().stream()
                .filter(s -> s.destination() instanceof Destination.Channel).count();
        assertThat(summaries).as("one summary message for the day").isEqualTo(1);
    }
}
