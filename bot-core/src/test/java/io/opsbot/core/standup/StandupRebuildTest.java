package io.opsbot.core.standup;

import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.schedule.Nudge;
import io.opsbot.core.schedule.NudgeScheduler;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.core.testing.CoreTestApplication;
import io.opsbot.core.testing.DatabaseCommands;
import io.opsbot.core.testing.MongoTestServer;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.core.testing.NudgeDriver;
import io.opsbot.core.testing.Tenants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start-up rebuild of every standup's schedule costs the same few database commands however many standups there
 * are, and writes only what is missing (a bot with 2,000 standups spent most of its start-up on it). Its own database:
 * the rebuild covers every standup stored.
 */
class StandupRebuildTest {

    static final Instant MONDAY_0700 = Instant.parse("2026-03-02T07:00:00Z");
    static final int STANDUPS = 20;

    private ConfigurableApplicationContext app;

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void aRebuildReadsEachKindOfThingOnceAndWritesOnlyTheNudgesThatAreMissing() {
        startOnItsOwnDatabase();
        TenantRef tenant = Tenants.slack();
        UserRef berlin = person(tenant, "U-BER", ZoneId.of("Europe/Berlin"));
        UserRef tokyo = person(tenant, "U-TYO", ZoneId.of("Asia/Tokyo"));
        for (int i = 0; i < STANDUPS; i++) {
            Standup standup = new Standup(tenant, "Daily " + i, berlin, MONDAY_0700);
            standup.setReportChannel(new Destination.Channel(tenant, "C-" + i));
            standup.setParticipants(List.of(berlin, tokyo));
            // Every other standup asks each person in their own zone: two nudges, one per zone.
            standup.setZoneMode(i % 2 == 0 ? ZoneMode.PARTICIPANT : ZoneMode.TEAM);
            standup.setTeamZone(ZoneId.of("Europe/London"));
            app.getBean(StandupRepository.class).save(standup);
        }
        StandupNudges nudges = app.getBean(StandupNudges.class);
        DatabaseCommands commands = app.getBean(DatabaseCommands.class);

        List<String> first = commands.during(nudges::rebuild);

        assertThat(first).containsExactly("find standups", "find people", "find standup_runs", "find nudges",
                "update nudges", "update nudge_marker");
        List<Nudge> prompts = prompts();
        assertThat(prompts).hasSize(STANDUPS / 2 * 2 + STANDUPS / 2);
        assertThat(prompts).filteredOn(n -> n.group().equals("Asia/Tokyo"))
                .allMatch(n -> n.at().equals(Instant.parse("2026-03-03T00:00:00Z")));

        // Started again with nothing changed: the same reads, no write.
        assertThat(commands.during(nudges::rebuild)).containsExactly("find standups", "find people",
                "find standup_runs", "find nudges");

        // A nudge lost meanwhile is scheduled again, and only that one is written.
        Nudge lost = prompts.get(3);
        app.getBean(MongoTemplate.class).remove(Query.query(Criteria.where("subject").is(lost.subject())
                .and("group").is(lost.group())), "nudges");
        assertThat(commands.during(nudges::rebuild)).containsExactly("find standups", "find people",
                "find standup_runs", "find nudges", "update nudges", "update nudge_marker");
        assertThat(prompts()).containsExactlyInAnyOrderElementsOf(prompts);
    }

    @Test
    void aRestartWhileDaysAreOpenReadsTheirAttendanceTogetherAndSchedulesWhatIsMissing() {
        startOnItsOwnDatabase();
        TenantRef tenant = Tenants.slack();
        List<UserRef> people = List.of(person(tenant, "U-BER", ZoneId.of("Europe/Berlin")),
                person(tenant, "U-TYO", ZoneId.of("Asia/Tokyo")));
        for (int i = 0; i < STANDUPS; i++) {
            Standup standup = new Standup(tenant, "Daily " + i, people.get(0), MONDAY_0700);
            standup.setReportChannel(new Destination.Channel(tenant, "C-" + i));
            standup.setParticipants(people);
            standup.setTeamZone(ZoneId.of("Europe/London"));
            app.getBean(StandupRepository.class).save(standup);
        }
        StandupNudges nudges = app.getBean(StandupNudges.class);
        nudges.rebuild();
        // 09:00 in London: every standup asks both people; each day stays open until its cutoff at 13:00.
        app.getBean(NudgeDriver.class).runUntil(Instant.parse("2026-03-02T09:00:30Z"));
        List<Nudge> followUps = followUps();
        assertThat(followUps).hasSize(STANDUPS * 2)
                .filteredOn(n -> n.kind().equals(StandupNudges.CUTOFF)).hasSize(STANDUPS)
                .allMatch(n -> n.at().equals(Instant.parse("2026-03-02T13:00:00Z")));
        // Lost meanwhile (a crash after the days were opened, or a database restored from before).
        app.getBean(MongoTemplate.class).remove(Query.query(Criteria.where("kind")
                .in(StandupNudges.REMINDER, StandupNudges.CUTOFF)), "nudges");
        DatabaseCommands commands = app.getBean(DatabaseCommands.class);

        List<String> sent = commands.during(nudges::rebuild);

        // One read of the open days and one of their attendance, where it was two reads per open day. The writes: the
        // prompts are caught up as after any restart within the answer window (today's 09:00 in place of tomorrow's;
        // it asks nobody twice), then the lost reminders and cutoffs are written in one batch.
        assertThat(sent).containsExactly("find standups", "find people", "find standup_runs",
                "find standup_attendance", "find nudges", "delete nudges", "update nudges", "update nudge_marker",
                "update nudges", "update nudge_marker");
        assertThat(followUps()).containsExactlyInAnyOrderElementsOf(followUps);
    }

    /** The core on a database of its own (the rebuild covers every standup stored), on Monday at 07:00. */
    private void startOnItsOwnDatabase() {
        app = new SpringApplicationBuilder(CoreTestApplication.class)
                .properties("spring.mongodb.uri=" + MongoTestServer.uri("rebuild_" + UUID.randomUUID()
                        .toString().substring(0, 8)), "spring.quartz.auto-startup=false", "spring.main.banner-mode=off")
                .run();
        app.getBean(MutableClock.class).set(MONDAY_0700);
    }

    private List<Nudge> followUps() {
        return app.getBean(NudgeScheduler.class).pending().stream().filter(n -> n.kind().equals(StandupNudges.REMINDER)
                || n.kind().equals(StandupNudges.CUTOFF)).toList();
    }

    private List<Nudge> prompts() {
        return app.getBean(NudgeScheduler.class).pending().stream().filter(n -> n.kind().equals(StandupNudges.PROMPT))
                .toList();
    }

    private UserRef person(TenantRef tenant, String id, ZoneId zone) {
        UserRef user = new UserRef(tenant, id);
        app.getBean(ProfileService.class).seen(new Invoker(user, "Person " + id, null, true, zone));
        app.getBean(ProfileService.class).setZone(user, zone.getId());
        return user;
    }
}
