package io.opsbot.core.okr;

import io.opsbot.core.conversation.ActionRequest;
import io.opsbot.core.conversation.ConversationEngine;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.delivery.Outbox;
import io.opsbot.core.form.Form;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.message.Button;
import io.opsbot.core.message.Message;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.reference.Reference;
import io.opsbot.core.schedule.NudgeScheduler;
import io.opsbot.core.tenant.TenantRef;
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

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static io.opsbot.core.okr.OkrFlowTest.body;
import static io.opsbot.core.okr.OkrFlowTest.buttons;
import static io.opsbot.core.okr.OkrFlowTest.confirmation;
import static io.opsbot.core.okr.OkrFlowTest.form;
import static io.opsbot.core.okr.OkrFlowTest.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each owner's say over check-in nudges, as standups have it: the reminder off, and prompts left unanswered a whole
 * period in a row pausing them, told once with a one-click resume. Also: a cadence other than weekly is named so.
 */
@CoreTest
class OkrRemindersTest {

    /** A Monday; the cycle is 2027-H1 and owners are asked on Fridays at 15:00. */
    static final Instant MONDAY = Instant.parse("2027-03-01T08:00:00Z");

    @Autowired
    ConversationEngine engine;
    @Autowired
    KeyResultService keyResults;
    @Autowired
    ProfileService profiles;
    @Autowired
    Outbox outbox;
    @Autowired
    NudgeScheduler nudges;
    @Autowired
    NudgeDriver driver;
    @Autowired
    MutableClock clock;
    @Autowired
    @Qualifier("slackGateway")
    RecordingChatGateway slack;

    private TenantRef tenant;
    private Invoker admin;
    private Invoker ana;

    @BeforeEach
    void setUp() {
        clock.set(MONDAY);
        tenant = Tenants.slack();
        admin = Tenants.inChannel(tenant, "U-ADMIN", "Ada Admin", "C-OKR");
        ana = Tenants.direct(tenant, "U-ANA", "Ana");
        profiles.setZone(ana.user(), "Europe/Berlin");
        engine.onCommand(admin, "okr", "cycle 2027-H1");
        Form objective = form(engine.onCommand(admin, "okr", "objective"));
        confirmation(engine.onSubmit(new io.opsbot.core.conversation.FormSubmission(admin, objective.formId(),
                Map.of("title", "Keep customers", "owner", "U-ANA", "cycle", objective.input("cycle").initial()),
                objective.state())));
        Form kr = form(engine.onCommand(admin, "okr", "kr O-1"));
        confirmation(engine.onSubmit(new io.opsbot.core.conversation.FormSubmission(admin, kr.formId(),
                Map.of("objective", kr.input("objective").initial(), "title", "Cut churn", "owner", "U-ANA",
                        "metric", "PERCENTAGE", "start", "5", "target", "3"), kr.state())));
        slack.clear();
    }

    @AfterEach
    void stopNudges() {
        List.of(OkrNudges.PROMPT, OkrNudges.REMINDER, OkrNudges.DIGEST).forEach(k -> nudges.cancel(k, tenant.key()));
    }

    @Test
    void remindersOffMeansNoReminderAndIgnoredPromptsPauseTheOwnerUntilOneClickResumes() {
        assertThat(text(engine.onCommand(ana, "okr", "reminders off")))
                .contains("Reminder after the check-in prompt: off");
        assertThat(text(engine.onCommand(ana, "okr", "reminders pause-after 1")))
                .contains("Stops asking you after 1 unanswered check-ins in a row");
        KeyResult churn = keyResults.find(tenant, Reference.parse("KR-1", KeyResult.KIND).orElseThrow())
                .orElseThrow();

        // Friday the 5th: asked, and not reminded on Monday.
        driver.runUntil(Instant.parse("2027-03-10T00:00:00Z"));
        await().until(() -> sentTo(ana).stream().anyMatch(m -> m.summary().startsWith("Time to check in")));
        assertThat(sentTo(ana)).noneMatch(m -> m.summary().startsWith("Reminder"));
        assertThat(body(sentTo(ana).get(0))).contains("Weekly check-in: KR-1");

        // Friday the 12th: the week before went unanswered, so Ana is told once that she is not asked any more.
        driver.runUntil(Instant.parse("2027-03-13T00:00:00Z"));
        await().until(() -> sentTo(ana).stream().anyMatch(m -> m.summary().startsWith("Stopped asking you")));
        Message paused = sentTo(ana).stream().filter(m -> m.summary().startsWith("Stopped asking you")).findFirst()
                .orElseThrow();
        assertThat(body(paused)).contains("1 prompts in a row");
        assertThat(outbox.find(OkrNudges.promptKey(churn, LocalDate.parse("2027-03-12"), ana.user()))).isEmpty();
        assertThat(text(engine.onCommand(ana, "okr", "reminders"))).contains("Paused now");

        // Friday the 19th: still paused, nothing said again.
        driver.runUntil(Instant.parse("2027-03-20T00:00:00Z"));
        assertThat(sentTo(ana)).filteredOn(m -> m.summary().startsWith("Stopped asking you")).hasSize(1);
        assertThat(outbox.find(OkrNudges.promptKey(churn, LocalDate.parse("2027-03-19"), ana.user()))).isEmpty();

        // One click, and the 26th asks again.
        Button resume = buttons(paused).get(0);
        assertThat(resume.label()).isEqualTo("Ask me again");
        assertThat(text(engine.onAction(new ActionRequest(ana, resume.actionId(), resume.value(), null))))
                .contains("asked to check in");
        assertThat(text(engine.onCommand(ana, "okr", "reminders"))).doesNotContain("Paused now");
        driver.runUntil(Instant.parse("2027-03-27T00:00:00Z"));
        assertThat(outbox.find(OkrNudges.promptKey(churn, LocalDate.parse("2027-03-26"), ana.user()))).isPresent();
    }

    @Test
    void aMonthlyCadenceIsNamedSoInPromptAndReminder() {
        engine.onCommand(admin, "okr", "cadence monthly");
        driver.runUntil(Instant.parse("2027-04-06T00:00:00Z"));
        await().until(() -> sentTo(ana).stream().anyMatch(m -> m.summary().startsWith("Reminder")));
        assertThat(body(sentTo(ana).get(0))).contains("Monthly check-in: KR-1");
        Message reminder = sentTo(ana).stream().filter(m -> m.summary().startsWith("Reminder")).findFirst()
                .orElseThrow();
        assertThat(body(reminder)).contains("this month yet").contains("the only reminder for this month")
                .doesNotContain("week");
    }

    /** Not reminders, but the same OKR rough edge list: a closed quarter is never reopened behind the admins' back. */
    @Test
    void aNewObjectiveDoesNotReopenAClosedQuarterButSaysWhatToStart() {
        engine.onCommand(admin, "okr", "cycle 2027-Q1");
        assertThat(text(engine.onCommand(admin, "okr", "cycle close 2027-H1"))).contains("Closed cycle 2027-H1");
        assertThat(text(engine.onCommand(admin, "okr", "cycle close 2027-Q1"))).contains("Closed cycle 2027-Q1");

        assertThat(text(engine.onCommand(admin, "okr", "objective"))).contains("Cycle 2027-Q1 is closed")
                .contains("okr cycle 2027-Q2").contains("reopen 2027-Q1");
        assertThat(text(engine.onCommand(admin, "okr", "cycle"))).startsWith("No cycle yet");

        engine.onCommand(admin, "okr", "cycle 2027-Q2");
        assertThat(form(engine.onCommand(admin, "okr", "objective")).input("cycle").initial()).isNotNull();
    }

    private List<Message> sentTo(Invoker person) {
        return slack.sent().stream().filter(s -> s.destination().equals(new Destination.Direct(person.user())))
                .map(RecordingChatGateway.Sent::message).toList();
    }
}
