package io.opsbot.core.standup;

import io.opsbot.core.audit.Actor;
import io.opsbot.core.conversation.ConversationEngine;
import io.opsbot.core.conversation.FormSubmission;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.SubmissionResult;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.settings.TenantSettingsService;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.core.testing.MessageLinks;
import io.opsbot.core.testing.CoreTest;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.core.testing.NudgeDriver;
import io.opsbot.core.testing.RecordingChatGateway;
import io.opsbot.core.testing.Tenants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Standups under a movable clock with Quartz triggers fired in order: per-person zones across a DST change, weekdays,
 * holidays, time off, pause, skip, one reminder, the cutoff summary, answers in the DM.
 */
@CoreTest
class StandupSchedulingTest {

    // Friday 6 March 2026, before anyone's 09:00. US clocks go forward on Sunday 8 March; Europe's on 29 March.
    static final Instant FRIDAY_MIDNIGHT = Instant.parse("2026-03-06T00:00:00Z");

    @Autowired
    ConversationEngine engine;
    @Autowired
    StandupService service;
    @Autowired
    StandupNudges scheduler;
    @Autowired
    StandupRepository standups;
    @Autowired
    ProfileService profiles;
    @Autowired
    TenantSettingsService settings;
    @Autowired
    NudgeDriver driver;
    @Autowired
    MutableClock clock;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    @Qualifier("slackGateway")
    RecordingChatGateway slack;

    private TenantRef tenant;
    private Invoker admin;
    private UserRef ana;
    private UserRef bo;
    private Standup standup;

    @BeforeEach
    void setUp() {
        clock.set(FRIDAY_MIDNIGHT);
        tenant = Tenants.slack();
        admin = Tenants.inChannel(tenant, "U-ADMIN", "Ada Admin", "C-TEAM");
        ana = new UserRef(tenant, "U-ANA");
        bo = new UserRef(tenant, "U-BO");
        profiles.seen(new Invoker(ana, "Ana", null, true, null));
        profiles.seen(new Invoker(bo, "Bo", null, true, null));
        profiles.setZone(ana, "Europe/Berlin");
        profiles.setZone(bo, "America/New_York");
        slack.clear();
        standup = create(Map.of("zone_mode", "PARTICIPANT"));
    }

    @AfterEach
    void tearDown() {
        scheduler.unschedule(standup);
    }

    private Standup create(Map<String, String> overrides) {
        Response opened = engine.onCommand(admin, "/standup", "new");
        io.opsbot.core.form.Form form = ((Response.ShowForm) opened).form();
        Map<String, String> values = new HashMap<>();
        form.inputs().forEach(i -> values.put(i.id(), i.initial() == null ? "" : i.initial()));
        values.put("name", "Daily " + tenant.tenantId());
        values.put("channel", "C-STANDUP");
        values.put("participants", "U-ANA,U-BO");
        values.put("zone", "Europe/Berlin");
        values.putAll(overrides);
        SubmissionResult result = engine.onSubmit(new FormSubmission(admin, form.formId(), values, form.state()));
        assertThat(result).isInstanceOf(SubmissionResult.Accepted.class);
        return service.byName(tenant, "Daily " + tenant.tenantId());
    }

    private List<Attendance> attendance(UserRef user) {
        return mongo.find(Query.query(Criteria.where("standupId").is(standup.getId()).and("user").is(user))
                .with(org.springframework.data.domain.Sort.by("promptAt")), Attendance.class);
    }

    private List<RecordingChatGateway.Sent> dmsTo(UserRef user) {
        return slack.sent().stream().filter(s -> s.destination().equals(new Destination.Direct(user))).toList();
    }

    @Test
    void aDaysAttendanceIsReadByItsListedIdsAndADayStoredBeforeTheListByItsRun() {
        StandupRun before = service.ensureRun(standup, LocalDate.parse("2026-03-06"));
        driver.runUntil(Instant.parse("2026-03-06T15:00:00Z"));

        StandupRun day = service.run(before.getId()).orElseThrow();
        assertThat(day.getAttendanceIds()).containsExactlyInAnyOrder(
                Attendance.id(day.getId(), ana), Attendance.id(day.getId(), bo));
        // A copy read before anyone was asked still gets the day as stored now, in id order as before.
        assertThat(service.attendance(before)).extracting(Attendance::getUser).containsExactly(ana, bo);

        mongo.updateFirst(Query.query(Criteria.where("_id").is(day.getId())),
                new Update().unset("attendanceIds").unset("attendanceListed"), StandupRun.class);
        StandupRun stored = service.run(day.getId()).orElseThrow();
        assertThat(stored.isAttendanceListed()).isFalse();
        assertThat(service.attendance(stored)).extracting(Attendance::getUser).containsExactly(ana, bo);
    }

    @Test
    void eachPersonIsAskedAtNineLocalAcrossTheDstChangeOnWeekdaysOnly() {
        driver.runUntil(Instant.parse("2026-03-10T00:00:00Z"));

        assertThat(attendance(ana)).extracting(Attendance::getPromptAt).containsExactly(
                Instant.parse("2026-03-06T08:00:00Z"), Instant.parse("2026-03-09T08:00:00Z"));
        assertThat(attendance(bo)).extracting(Attendance::getPromptAt).containsExactly(
                Instant.parse("2026-03-06T14:00:00Z"), Instant.parse("2026-03-09T13:00:00Z"));
        await().until(() -> dmsTo(ana).stream().filter(s -> s.message().summary().startsWith("Time for")).count() == 2);
        assertThat(dmsTo(bo)).filteredOn(s -> s.message().summary().startsWith("Time for")).hasSize(2);
        assertThat(service.run(StandupRun.id(standup.getId(), LocalDate.parse("2026-03-07")))).isEmpty();
    }

    @Test
    void answersInTheDmBecomeAReportInTheSummaryThreadWithBlockersHighlighted() {
        driver.runUntil(Instant.parse("2026-03-06T08:05:00Z"));
        await().until(() -> !dmsTo(ana).isEmpty());
        Invoker anaInDm = new Invoker(ana, "Ana", new Destination.Channel(tenant, "D-ANA"), true, null);

        assertThat(reply(anaInDm, "Shipped the export fix")).isEqualTo("2/3 What will you do today?");
        assertThat(reply(anaInDm, "Review the billing PR")).isEqualTo("3/3 Anything blocking you?");
        assertThat(reply(anaInDm, "Waiting for API keys from IT")).startsWith("✅ Thanks!");

        StandupRun run = service.run(StandupRun.id(standup.getId(), LocalDate.parse("2026-03-06"))).orElseThrow();
        await().until(() -> slack.sent().stream().anyMatch(s -> s.message().summary().contains("is blocked")));
        RecordingChatGateway.Sent summary = slack.sent().stream()
                .filter(s -> s.destination().equals(new Destination.Channel(tenant, "C-STANDUP"))).findFirst()
                .orElseThrow();
        RecordingChatGateway.Sent report = slack.sent().stream()
                .filter(s -> s.message().summary().equals("🚧 Ana is blocked")).findFirst().orElseThrow();
        assertThat(report.destination()).isEqualTo(summary.posted().thread());
        await().until(() -> slack.updated().stream().anyMatch(u -> u.posted().equals(summary.posted())
                && u.message().summary().contains("1 of 1 answered")));
        String latest = lastSummaryText(summary);
        assertThat(latest).contains("🚧 Blockers").contains("Waiting for API keys from IT");
        assertThat(service.attendance(run.getId(), ana).orElseThrow().getAnswers())
                .containsExactly("Shipped the export fix", "Review the billing PR", "Waiting for API keys from IT");
    }

    @Test
    void aRestartDoesNotAskForAnOccurrenceFromBeforeTheStandupExisted() {
        // Ana's 09:00 in Berlin (08:00Z) passed before this standup was made; its window (four hours) is still open.
        clock.set(Instant.parse("2026-03-06T08:30:00Z"));
        create(Map.of("zone_mode", "PARTICIPANT", "name", "Late " + tenant.tenantId()));
        Standup late = service.byName(tenant, "Late " + tenant.tenantId());
        try {
            scheduler.schedule(late, true);
            driver.runUntil(Instant.parse("2026-03-06T14:30:00Z"));

            StandupRun run = service.run(StandupRun.id(late.getId(), LocalDate.parse("2026-03-06"))).orElseThrow();
            assertThat(service.attendance(run)).extracting(Attendance::getUser).containsExactly(bo);
        } finally {
            scheduler.unschedule(late);
        }
    }

    @Test
    void nonRespondersGetOneReminderAndTheSummaryIsFinalAtTheCutoff() {
        driver.runUntil(Instant.parse("2026-03-06T09:30:00Z"));
        await().until(() -> dmsTo(ana).stream().anyMatch(s -> s.message().summary().startsWith("Reminder")));

        // Berlin's window closed at 12:00Z, but New York is only asked at 14:00Z: the day is not final yet.
        driver.runUntil(Instant.parse("2026-03-06T13:00:00Z"));
        assertThat(service.run(StandupRun.id(standup.getId(), LocalDate.parse("2026-03-06"))).orElseThrow()
                .isClosed()).isFalse();

        driver.runUntil(Instant.parse("2026-03-06T19:00:00Z"));

        await().until(() -> dmsTo(bo).stream().anyMatch(s -> s.message().summary().startsWith("Reminder")));
        assertThat(dmsTo(ana)).filteredOn(s -> s.message().summary().startsWith("Reminder")).hasSize(1);
        StandupRun run = service.run(StandupRun.id(standup.getId(), LocalDate.parse("2026-03-06"))).orElseThrow();
        assertThat(run.isClosed()).isTrue();
        assertThat(service.attendance(run)).extracting(Attendance::getStatus)
                .containsOnly(AttendanceStatus.MISSED);
        RecordingChatGateway.Sent summary = slack.sent().stream()
                .filter(s -> s.destination().equals(new Destination.Channel(tenant, "C-STANDUP"))).findFirst()
                .orElseThrow();
        await().until(() -> lastSummaryText(summary).contains("Final"));
        assertThat(lastSummaryText(summary)).contains("0 of 2 answered").contains("no answer");
        assertThat(MessageLinks.of(summary.message())).containsExactly("📊 Open in dashboard → "
                + CoreTest.DASHBOARD + "/standups?standup=" + standup.getId());
    }

    @Test
    void holidaysTimeOffSkipsAndPausesAskNobody() {
        settings.addHoliday(Actor.inChat(new UserRef(tenant, "U-ADMIN"), "Ada Admin"), LocalDate.parse("2026-03-09"));
        profiles.addOutOfOffice(ana, new io.opsbot.core.people.DateRange(LocalDate.parse("2026-03-10"),
                LocalDate.parse("2026-03-10")));
        engine.onCommand(admin, "/standup", "holiday add 2026-03-11 " + standup.getName());

        clock.set(Instant.parse("2026-03-06T10:00:00Z"));
        Invoker boInDm = new Invoker(bo, "Bo", new Destination.Channel(tenant, "D-BO"), true, null);
        assertThat(((Response.Reply) engine.onMessage(boInDm, "standup skip")).message().summary())
                .contains("you skip");
        driver.runUntil(Instant.parse("2026-03-12T00:00:00Z"));

        // Monday the 9th is a company holiday, Wednesday the 11th a holiday of this standup; Ana is away on the 10th.
        assertThat(attendance(bo)).extracting(a -> a.getPromptAt().toString() + " " + a.getStatus()).containsExactly(
                "2026-03-06T14:00:00Z SKIPPED", "2026-03-10T13:00:00Z MISSED");
        assertThat(attendance(ana)).extracting(a -> a.getPromptAt().toString() + " " + a.getStatus()).containsExactly(
                "2026-03-06T08:00:00Z MISSED", "2026-03-10T08:00:00Z AWAY");
        assertThat(attendance(ana).get(1).getReason()).isEqualTo("out of office");

        engine.onCommand(admin, "/standup", "pause " + standup.getName());
        driver.runUntil(Instant.parse("2026-03-14T00:00:00Z"));
        assertThat(attendance(bo)).hasSize(2);
        engine.onCommand(admin, "/standup", "resume " + standup.getName());
        driver.runUntil(Instant.parse("2026-03-17T00:00:00Z"));
        assertThat(attendance(bo)).hasSize(3);
    }

    @Test
    void editsAreAcceptedUntilTheCutoffOnly() {
        driver.runUntil(Instant.parse("2026-03-06T08:01:00Z"));
        StandupRun run = service.run(StandupRun.id(standup.getId(), LocalDate.parse("2026-03-06"))).orElseThrow();
        Invoker anaInDm = new Invoker(ana, "Ana", new Destination.Channel(tenant, "D-ANA"), true, null);
        Response form = engine.onAction(new io.opsbot.core.conversation.ActionRequest(anaInDm,
                StandupCards.ANSWER_ACTION, run.getId(), null));
        io.opsbot.core.form.Form answer = ((Response.ShowForm) form).form();

        SubmissionResult first = engine.onSubmit(new FormSubmission(anaInDm, answer.formId(),
                Map.of("q0", "A", "q1", "B", "q2", "none"), answer.state()));
        SubmissionResult edit = engine.onSubmit(new FormSubmission(anaInDm, answer.formId(),
                Map.of("q0", "A2", "q1", "B2", "q2", "none"), answer.state()));
        clock.set(Instant.parse("2026-03-06T12:00:00Z"));
        SubmissionResult late = engine.onSubmit(new FormSubmission(anaInDm, answer.formId(),
                Map.of("q0", "A3", "q1", "B3", "q2", "none"), answer.state()));

        assertThat(first).isInstanceOf(SubmissionResult.Accepted.class);
        assertThat(edit).isInstanceOf(SubmissionResult.Accepted.class);
        assertThat(((SubmissionResult.Accepted) late).confirmation().summary()).contains("closed at 13:00");
        Attendance a = service.attendance(run.getId(), ana).orElseThrow();
        assertThat(a.getAnswers()).containsExactly("A2", "B2", "none");
        assertThat(a.getEditedAt()).isNotNull();
    }

    @Test
    void theFormRefusesBadSettings() {
        Response opened = engine.onCommand(admin, "/standup", "new");
        io.opsbot.core.form.Form form = ((Response.ShowForm) opened).form();
        Map<String, String> values = new HashMap<>();
        form.inputs().forEach(i -> values.put(i.id(), i.initial() == null ? "" : i.initial()));
        values.put("channel", "C1");
        values.put("participants", "U1");
        values.put("zone", "CET+1");

        SubmissionResult badZone = engine.onSubmit(new FormSubmission(admin, form.formId(), values, form.state()));
        values.put("zone", "Europe/Paris");
        values.put("reminder", "600");
        values.put("cutoff", "2");
        SubmissionResult badReminder = engine.onSubmit(new FormSubmission(admin, form.formId(), values,
                form.state()));

        assertThat(((SubmissionResult.Rejected) badZone).errors()).containsKey("zone");
        assertThat(((SubmissionResult.Rejected) badReminder).errors()).containsKey("reminder");
    }

    private String reply(Invoker invoker, String text) {
        Response response = engine.onMessage(invoker, text);
        return ((io.opsbot.core.message.Block.Section) ((Response.Reply) response).message().blocks().get(0)).text()
                .plainText();
    }

    private String lastSummaryText(RecordingChatGateway.Sent summary) {
        List<RecordingChatGateway.Updated> updates = slack.updated().stream()
                .filter(u -> u.posted().equals(summary.posted())).toList();
        io.opsbot.core.message.Message latest = updates.isEmpty() ? summary.message()
                : updates.get(updates.size() - 1).message();
        return latest.blocks().stream().map(Object::toString).reduce("", String::concat);
    }
}
