package io.opsbot.core.training;

import io.opsbot.core.conversation.ActionRequest;
import io.opsbot.core.conversation.ConversationEngine;
import io.opsbot.core.conversation.FormSubmission;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.SubmissionResult;
import io.opsbot.core.delivery.Delivery;
import io.opsbot.core.delivery.Outbox;
import io.opsbot.core.form.Form;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.people.DateRange;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.schedule.Nudge;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.core.testing.CoreTest;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.core.testing.NudgeDriver;
import io.opsbot.core.testing.RecordingChatGateway;
import io.opsbot.core.testing.Tenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Trainings and announcements: invitations in each person's zone, RSVPs, reminders at the right instants, once. */
@CoreTest
class TrainingFlowTest {

    static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");
    /** Tuesday 1 December 2026, 10:00 in New York. */
    static final Instant STARTS = Instant.parse("2026-12-01T15:00:00Z");

    @Autowired
    ConversationEngine engine;
    @Autowired
    TrainingSessionService sessions;
    @Autowired
    AnnouncementService announcements;
    @Autowired
    TrainingNudges trainingNudges;
    @Autowired
    Outbox outbox;
    @Autowired
    ProfileService profiles;
    @Autowired
    MutableClock clock;
    @Autowired
    NudgeDriver driver;
    @Autowired
    @Qualifier("teamsGateway")
    RecordingChatGateway teams;

    private TenantRef tenant;
    private Invoker organizer;
    private UserRef berlin;
    private UserRef tokyo;
    private UserRef plain;

    @Autowired
    io.opsbot.core.schedule.NudgeScheduler nudges;

    /** Reminders still pending belong to this test's tenant only; they must not fire in other tests. */
    @org.junit.jupiter.api.AfterEach
    void cancelReminders() {
        nudges.pending().stream().filter(n -> n.subject().startsWith(tenant.key() + ":"))
                .forEach(n -> nudges.cancel(n.kind(), n.subject()));
    }

    @BeforeEach
    void setUp() {
        clock.set(NOW);
        teams.clear();
        tenant = Tenants.teams();
        organizer = new Invoker(new UserRef(tenant, "aad-organizer"), "Olga Organizer",
                new Destination.Channel(tenant, "a:personal"), true, java.time.ZoneId.of("America/New_York"));
        berlin = new UserRef(tenant, "aad-berlin");
        tokyo = new UserRef(tenant, "aad-tokyo");
        plain = new UserRef(tenant, "aad-plain");
        profiles.setZone(berlin, "Europe/Berlin");
        profiles.setZone(tokyo, "Asia/Tokyo");
    }

    private Delivery delivery(String id, UserRef person, String kind) {
        return outbox.find(TrainingKeys.key(id, person, kind)).orElse(null);
    }

    private Invoker as(UserRef user) {
        return new Invoker(user, user.userId(), new Destination.Channel(tenant, "a:" + user.userId()), true, null);
    }

    private TrainingSession schedule() {
        Form form = ((Response.ShowForm) engine.onCommand(organizer, "training", "schedule")).form();
        assertThat(form.input("zone").initial()).isEqualTo("America/New_York");
        SubmissionResult result = engine.onSubmit(new FormSubmission(organizer, form.formId(), Map.of(
                "title", "New CRM walkthrough", "date", "2026-12-01", "time", "10:00", "zone", "America/New_York",
                "people", "aad-berlin,aad-tokyo,aad-plain,aad-organizer", "link", "https://meet.example.com/crm"),
                form.state()));
        assertThat(((SubmissionResult.Accepted) result).confirmation().summary())
                .contains("Scheduled TR-1").contains("Tue 1 Dec 2026, 10:00 (America/New_York)")
                .contains("going to 3 people");
        return sessions.find(tenant, TrainingSession.KIND.of(1)).orElseThrow();
    }

    @Test
    void invitationsShowTheTimeInEachPersonsZoneAndTheOrganizerSeesTheAnswers() {
        TrainingSession session = schedule();

        assertThat(session.getStartsAt()).isEqualTo(STARTS);
        assertThat(session.getAudience()).containsExactly(berlin, tokyo, plain);
        assertThat(delivery(session.getId(), berlin, "invite").getMessage().summary())
                .isEqualTo("Training invitation: New CRM walkthrough, Tue 1 Dec 2026, 16:00 (Europe/Berlin)");
        assertThat(delivery(session.getId(), tokyo, "invite").getMessage().summary())
                .endsWith("Wed 2 Dec 2026, 00:00 (Asia/Tokyo)");
        assertThat(delivery(session.getId(), plain, "invite").getMessage().summary())
                .as("no zone known: the training's").endsWith("Tue 1 Dec 2026, 10:00 (America/New_York)");
        assertThat(delivery(session.getId(), organizer.user(), "invite")).as("the organizer hosts").isNull();

        Response attend = engine.onAction(new ActionRequest(as(berlin), TrainingCards.ATTEND, session.getId(), null));
        engine.onAction(new ActionRequest(as(tokyo), TrainingCards.DECLINE, session.getId(), null));

        assertThat(((Response.UpdateMessage) attend).message().blocks().toString()).contains("You're attending")
                .doesNotContain("training.attend");
        TrainingSession answered = sessions.find(session.getId()).orElseThrow();
        assertThat(answered.answerOf(berlin)).isEqualTo(TrainingSession.Answer.ATTENDING);
        assertThat(answered.answerOf(tokyo)).isEqualTo(TrainingSession.Answer.DECLINED);
        assertThat(outbox.find(TrainingKeys.organizerKey(session.getId())).orElseThrow().getMessage().summary())
                .as("the organizer's card, edited in place").isEqualTo("TR-1 New CRM walkthrough: 1 attending, "
                        + "1 declined, 1 not answered");
        await().until(() -> teams.sent().stream().anyMatch(s -> s.destination().equals(
                new Destination.Direct(organizer.user()))));
        Response status = engine.onCommand(organizer, "training", "status TR-1");
        assertThat(((Response.Reply) status).message().blocks().toString()).contains("Attending (1)")
                .contains("aad-berlin");
        Response stranger = engine.onCommand(as(plain), "training", "status tr-1");
        assertThat(((Response.Reply) stranger).message().summary()).contains("Only the organizer");
        Response notInvited = engine.onAction(new ActionRequest(as(new UserRef(tenant, "aad-other")),
                TrainingCards.ATTEND, session.getId(), null));
        assertThat(((Response.Reply) notInvited).message().summary()).contains("for someone else");
    }

    @Test
    void attendeesAreRemindedADayAndFifteenMinutesBeforeExceptOnADayOff() {
        TrainingSession session = schedule();
        engine.onAction(new ActionRequest(as(berlin), TrainingCards.ATTEND, session.getId(), null));
        engine.onAction(new ActionRequest(as(tokyo), TrainingCards.DECLINE, session.getId(), null));
        engine.onAction(new ActionRequest(as(plain), TrainingCards.ATTEND, session.getId(), null));
        profiles.addOutOfOffice(plain, new DateRange(LocalDate.parse("2026-11-30"), LocalDate.parse("2026-11-30")));

        driver.runUntil(STARTS.plus(Duration.ofHours(1)));

        Delivery dayBefore = delivery(session.getId(), berlin, TrainingSessionService.DAY_BEFORE);
        assertThat(dayBefore.getCreatedAt()).isEqualTo(Instant.parse("2026-11-30T15:00:00Z"));
        assertThat(dayBefore.getMessage().summary()).isEqualTo("Tomorrow: New CRM walkthrough");
        assertThat(dayBefore.getMessage().blocks().toString()).contains("Tue 1 Dec 2026, 16:00 (Europe/Berlin)")
                .contains("10:00 in America/New_York for the organizer");
        assertThat(delivery(session.getId(), berlin, TrainingSessionService.SOON).getCreatedAt())
                .isEqualTo(Instant.parse("2026-12-01T14:45:00Z"));
        assertThat(delivery(session.getId(), tokyo, TrainingSessionService.DAY_BEFORE)).as("declined").isNull();
        assertThat(delivery(session.getId(), plain, TrainingSessionService.DAY_BEFORE)).as("out of office").isNull();
        assertThat(delivery(session.getId(), plain, TrainingSessionService.SOON)).isNotNull();
        assertThat(delivery(session.getId(), berlin, TrainingSessionService.SOON).getExpiresAt()).isEqualTo(STARTS);
    }

    @Test
    void aReminderIsNeverSentTwice() {
        TrainingSession session = schedule();
        engine.onAction(new ActionRequest(as(berlin), TrainingCards.ATTEND, session.getId(), null));
        clock.set(Instant.parse("2026-11-30T15:00:00Z"));
        Nudge dayBefore = new Nudge(TrainingNudges.REMINDER, session.getId(), TrainingSessionService.DAY_BEFORE,
                clock.instant());

        trainingNudges.fire(dayBefore);
        trainingNudges.fire(dayBefore);
        trainingNudges.rebuild();
        driver.fireDue();

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> teams.sent().stream()
                .filter(s -> s.message().summary().equals("Tomorrow: New CRM walkthrough")).count() == 1);
        driver.runUntil(STARTS);
    }

    @Test
    void announcementsTrackAcknowledgementsAndRemindTheOthersOnceOnTheirNextDayIn() {
        Form form = ((Response.ShowForm) engine.onCommand(organizer, "training", "announce")).form();
        assertThat(form.input("remind_after").initial()).isEqualTo("48");
        SubmissionResult result = engine.onSubmit(new FormSubmission(organizer, form.formId(), Map.of(
                "title", "New expense tool", "text", "From Monday, expenses go through Spendly.",
                "people", "aad-berlin,aad-tokyo,aad-plain", "remind_after", "24"), form.state()));
        assertThat(((SubmissionResult.Accepted) result).confirmation().summary()).contains("Sent AN-1")
                .contains("3 people");
        Announcement announcement = announcements.find(tenant, Announcement.KIND.of(1)).orElseThrow();
        assertThat(delivery(announcement.getId(), berlin, "announce").getMessage().summary())
                .isEqualTo("New: New expense tool (please acknowledge)");

        Response ack = engine.onAction(new ActionRequest(as(berlin), TrainingCards.ACK, announcement.getId(), null));
        assertThat(((Response.UpdateMessage) ack).message().blocks().toString()).contains("Acknowledged");
        engine.onAction(new ActionRequest(as(berlin), TrainingCards.ACK, announcement.getId(), null));
        profiles.addOutOfOffice(tokyo, new DateRange(LocalDate.parse("2026-11-26"), LocalDate.parse("2026-11-27")));
        assertThat(outbox.find(TrainingKeys.organizerKey(announcement.getId())).orElseThrow().getMessage()
                .summary()).isEqualTo("AN-1 New expense tool: 1 of 3 acknowledged");

        driver.runUntil(Instant.parse("2026-11-30T00:00:00Z"));

        assertThat(announcements.find(announcement.getId()).orElseThrow().getAcks()).containsOnlyKeys(
                "aad-berlin");
        assertThat(delivery(announcement.getId(), berlin, "reminder")).isNull();
        assertThat(delivery(announcement.getId(), plain, "reminder").getCreatedAt())
                .isEqualTo(Instant.parse("2026-11-26T09:00:00Z"));
        assertThat(delivery(announcement.getId(), tokyo, "reminder").getCreatedAt())
                .as("away Thursday and Friday (Tokyo): Saturday 09:30 Tokyo")
                .isEqualTo(Instant.parse("2026-11-28T00:30:00Z"));
        assertThat(delivery(announcement.getId(), plain, "reminder").getMessage().summary())
                .isEqualTo("Reminder: please acknowledge New expense tool");
        assertThat(((Response.Reply) engine.onCommand(organizer, "training", "list")).message().summary())
                .contains("AN-1 New expense tool · 1 of 3 acknowledged");
    }
}
