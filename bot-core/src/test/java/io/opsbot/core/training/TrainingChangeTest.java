package io.opsbot.core.training;

import io.opsbot.core.access.AccessPolicy;
import io.opsbot.core.access.Role;
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
import io.opsbot.core.message.Message;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.schedule.Nudge;
import io.opsbot.core.schedule.NudgeScheduler;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.core.testing.CoreTest;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.core.testing.NudgeDriver;
import io.opsbot.core.testing.RecordingFileGateway;
import io.opsbot.core.testing.Tenants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cancelling and editing a training: by its organizer or an admin only, each invitee told once however often the
 * change is retried, reminders stopped or moved, a calendar file per version (same UID, higher SEQUENCE, CANCEL).
 */
@CoreTest
class TrainingChangeTest {

    static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");

    @Autowired
    ConversationEngine engine;
    @Autowired
    TrainingSessionService sessions;
    @Autowired
    TrainingNudges trainingNudges;
    @Autowired
    Outbox outbox;
    @Autowired
    ProfileService profiles;
    @Autowired
    AccessPolicy access;
    @Autowired
    MutableClock clock;
    @Autowired
    NudgeDriver driver;
    @Autowired
    NudgeScheduler nudges;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    @Qualifier("teamsFiles")
    RecordingFileGateway files;

    private TenantRef tenant;
    private Invoker organizer;
    private UserRef berlin;
    private UserRef tokyo;

    @AfterEach
    void cancelReminders() {
        nudges.pending().stream().filter(n -> n.subject().startsWith(tenant.key() + ":"))
                .forEach(n -> nudges.cancel(n.kind(), n.subject()));
    }

    @BeforeEach
    void setUp() {
        clock.set(NOW);
        tenant = Tenants.teams();
        organizer = new Invoker(new UserRef(tenant, "aad-organizer"), "Olga Organizer",
                new Destination.Channel(tenant, "a:personal"), true, ZoneId.of("America/New_York"));
        berlin = new UserRef(tenant, "aad-berlin");
        tokyo = new UserRef(tenant, "aad-tokyo");
        profiles.setZone(berlin, "Europe/Berlin");
        profiles.setZone(tokyo, "Asia/Tokyo");
    }

    private Invoker as(UserRef user) {
        return new Invoker(user, user.userId(), new Destination.Channel(tenant, "a:" + user.userId()), true, null);
    }

    private TrainingSession schedule() {
        Form form = ((Response.ShowForm) engine.onCommand(organizer, "training", "schedule")).form();
        engine.onSubmit(new FormSubmission(organizer, form.formId(), Map.of("title", "New CRM walkthrough",
                "date", "2026-12-01", "time", "10:00", "zone", "America/New_York", "people", "aad-berlin,aad-tokyo"),
                form.state()));
        return sessions.find(tenant, TrainingSession.KIND.of(1)).orElseThrow();
    }

    private long deliveries(String prefix) {
        return mongo.count(Query.query(Criteria.where("_id").regex("^" + Pattern.quote(prefix))), Delivery.class);
    }

    private Delivery delivery(TrainingSession session, UserRef person, String kind) {
        return outbox.find(TrainingKeys.key(session.getId(), person, kind)).orElse(null);
    }

    private static String text(Response response) {
        Message message = response instanceof Response.Reply reply ? reply.message()
                : ((Response.UpdateMessage) response).message();
        return message.summary() + "\n" + message.blocks();
    }

    private List<String> calendarFilesTo(UserRef person) {
        return files.sent().stream().filter(f -> f.to().user().equals(person))
                .map(f -> new String(f.file().content(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void theOrganizerCancelsAndEachInviteeIsToldOnceWithACancellingCalendarFile() {
        TrainingSession session = schedule();
        await().until(() -> calendarFilesTo(berlin).size() == 1);
        assertThat(calendarFilesTo(berlin).get(0)).contains("METHOD:PUBLISH").contains("SEQUENCE:0")
                .contains("DTSTART;TZID=America/New_York:20261201T100000");
        assertThat(files.sent().stream().filter(f -> f.to().user().equals(berlin)).findFirst().orElseThrow()
                .file().name()).isEqualTo("TR-1.ics");

        assertThat(text(engine.onCommand(as(berlin), "training", "cancel TR-1"))).contains("Only the organizer");
        assertThat(sessions.find(session.getId()).orElseThrow().getStatus())
                .isEqualTo(TrainingSession.Status.SCHEDULED);

        assertThat(text(engine.onCommand(organizer, "training", "cancel TR-1"))).contains("Cancelled TR-1")
                .contains("2 invited are told");

        TrainingSession cancelled = sessions.find(session.getId()).orElseThrow();
        assertThat(cancelled.getStatus()).isEqualTo(TrainingSession.Status.CANCELLED);
        assertThat(cancelled.getSequence()).isEqualTo(1);
        assertThat(delivery(session, berlin, "cancel:v1").getMessage().summary())
                .isEqualTo("Cancelled: New CRM walkthrough, Tue 1 Dec 2026, 16:00 (Europe/Berlin)");
        assertThat(delivery(session, tokyo, "invite").getMessage().blocks().toString()).contains("Cancelled by")
                .doesNotContain("training.attend");
        await().until(() -> calendarFilesTo(tokyo).size() == 2);
        assertThat(calendarFilesTo(tokyo).get(1)).contains("METHOD:CANCEL").contains("SEQUENCE:1")
                .contains("STATUS:CANCELLED");
        assertThat(driver.pending()).as("no reminders left").noneMatch(n -> n.subject().equals(session.getId()));

        // A retried job (the fan-out guard firing, the command sent twice) tells nobody twice.
        trainingNudges.fire(new Nudge(TrainingNudges.FAN_OUT, session.getId(), "", clock.instant()));
        engine.onCommand(organizer, "training", "cancel TR-1");
        sessions.remind(session.getId(), TrainingSessionService.DAY_BEFORE);
        assertThat(deliveries(session.getId() + ":aad-berlin:cancel")).isEqualTo(1);
        assertThat(deliveries(session.getId() + ":aad-berlin:ics")).isEqualTo(2);
        assertThat(deliveries(session.getId() + ":aad-berlin:24h")).isZero();
        driver.awaitOutboundIdle();
        assertThat(calendarFilesTo(tokyo)).hasSize(2);
    }

    @Test
    void anEditMovesTheRemindersAndTellsInviteesOnceWithANewSequence() {
        TrainingSession session = schedule();
        engine.onAction(new ActionRequest(as(berlin), TrainingCards.ATTEND, session.getId(), null));
        access.allows(new UserRef(tenant, "aad-admin"), Role.ADMIN);
        Invoker admin = as(new UserRef(tenant, "aad-admin"));

        Response opened = engine.onCommand(admin, "training", "edit TR-1");
        Form form = ((Response.ShowForm) opened).form();
        assertThat(form.input("time").initial()).isEqualTo("10:00");
        assertThat(form.inputs()).extracting(io.opsbot.core.form.Input::id).as("invitees stay")
                .doesNotContain("people");
        assertThat(text(engine.onCommand(as(tokyo), "training", "edit TR-1"))).contains("Only the organizer");

        SubmissionResult saved = engine.onSubmit(new FormSubmission(admin, form.formId(), Map.of(
                "title", "CRM walkthrough (moved)", "date", "2026-12-03", "time", "10:00",
                "zone", "America/New_York"), form.state()));

        assertThat(((SubmissionResult.Accepted) saved).confirmation().summary()).contains("Changed TR-1")
                .contains("Thu 3 Dec 2026, 10:00 (America/New_York)");
        TrainingSession edited = sessions.find(session.getId()).orElseThrow();
        assertThat(edited.getStartsAt()).isEqualTo(Instant.parse("2026-12-03T15:00:00Z"));
        assertThat(edited.getSequence()).isEqualTo(1);
        assertThat(edited.answerOf(berlin)).as("answers stand").isEqualTo(TrainingSession.Answer.ATTENDING);
        assertThat(delivery(session, berlin, "edit:v1").getMessage().summary())
                .isEqualTo("Changed: CRM walkthrough (moved), now Thu 3 Dec 2026, 16:00 (Europe/Berlin)");
        assertThat(delivery(session, berlin, "invite").getMessage().summary()).contains("Thu 3 Dec 2026");
        assertThat(driver.pending()).filteredOn(n -> n.subject().equals(session.getId())).extracting(Nudge::at)
                .containsExactlyInAnyOrder(Instant.parse("2026-12-02T15:00:00Z"),
                        Instant.parse("2026-12-03T14:45:00Z"));

        trainingNudges.fire(new Nudge(TrainingNudges.FAN_OUT, session.getId(), "", clock.instant()));
        assertThat(deliveries(session.getId() + ":aad-berlin:edit")).as("a retried fan-out").isEqualTo(1);

        driver.runUntil(Instant.parse("2026-12-03T16:00:00Z"));

        assertThat(delivery(session, berlin, "24h")).as("nothing at the old time").isNull();
        assertThat(delivery(session, berlin, "24h:v1").getCreatedAt()).isEqualTo(Instant.parse("2026-12-02T15:00:00Z"));
        assertThat(delivery(session, berlin, "15m:v1").getCreatedAt()).isEqualTo(Instant.parse("2026-12-03T14:45:00Z"));
        assertThat(delivery(session, tokyo, "24h:v1")).as("tokyo did not answer").isNull();
        await().until(() -> calendarFilesTo(berlin).size() == 2);
        String first = calendarFilesTo(berlin).get(0);
        String second = calendarFilesTo(berlin).get(1);
        String uid = first.lines().filter(l -> l.startsWith("UID:")).findFirst().orElseThrow();
        assertThat(second).contains(uid).contains("SEQUENCE:1").contains("SUMMARY:CRM walkthrough (moved)")
                .contains("DTSTART;TZID=America/New_York:20261203T100000").contains("METHOD:PUBLISH");
    }
}
