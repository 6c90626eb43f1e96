package io.opsbot.core.standup;

import io.opsbot.core.blocker.Blocker;
import io.opsbot.core.blocker.BlockerCards;
import io.opsbot.core.blocker.Blockers;
import io.opsbot.core.conversation.ActionRequest;
import io.opsbot.core.conversation.ConversationEngine;
import io.opsbot.core.conversation.FormSubmission;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.SubmissionResult;
import io.opsbot.core.form.Form;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.message.Message;
import io.opsbot.core.okr.OkrNudges;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.schedule.NudgeScheduler;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Blockers from standup answers: linked to the key result they name (its owner told once), carried over to the next
 * day's prompt and summary with their age until resolved, resolved only by their author or a manager, and never
 * linked to another tenant's key result.
 */
@CoreTest
class StandupBlockersTest {

    // Friday 6 March 2026; the standup asks at 09:00 Berlin on weekdays.
    static final Instant FRIDAY_MIDNIGHT = Instant.parse("2026-03-06T00:00:00Z");

    @Autowired
    ConversationEngine engine;
    @Autowired
    StandupService service;
    @Autowired
    StandupNudges scheduler;
    @Autowired
    Blockers blockers;
    @Autowired
    ProfileService profiles;
    @Autowired
    NudgeScheduler nudges;
    @Autowired
    NudgeDriver driver;
    @Autowired
    io.opsbot.core.delivery.Outbox outbox;
    @Autowired
    MutableClock clock;
    @Autowired
    @Qualifier("slackGateway")
    RecordingChatGateway slack;

    private TenantRef tenant;
    private Invoker admin;
    private UserRef ana;
    private UserRef bo;
    private UserRef kim;
    private Standup standup;

    @BeforeEach
    void setUp() {
        clock.set(FRIDAY_MIDNIGHT);
        tenant = Tenants.slack();
        admin = Tenants.inChannel(tenant, "U-ADMIN", "Ada Admin", "C-TEAM");
        ana = new UserRef(tenant, "U-ANA");
        bo = new UserRef(tenant, "U-BO");
        kim = new UserRef(tenant, "U-KIM");
        profiles.seen(new Invoker(ana, "Ana", null, true, null));
        profiles.seen(new Invoker(bo, "Bo", null, true, null));
        profiles.seen(new Invoker(kim, "Kim", null, true, null));
        createKeyResult();
        standup = createStandup();
        slack.clear();
    }

    @AfterEach
    void tearDown() {
        scheduler.unschedule(standup);
        List.of(OkrNudges.PROMPT, OkrNudges.REMINDER, OkrNudges.DIGEST).forEach(k -> nudges.cancel(k, tenant.key()));
    }

    @Test
    void aBlockerNamingAKeyResultTellsItsOwnerOnceAndCarriesOverUntilItsAuthorResolvesIt() {
        driver.runUntil(Instant.parse("2026-03-06T08:05:00Z"));
        await().until(() -> !dmsTo(ana).isEmpty() && !dmsTo(bo).isEmpty());
        answer(ana, "Release notes", "Demo", "Waiting on infra for the export, kr-1");
        answer(bo, "Tests", "More tests", "Laptop broken");

        Blocker anas = blockers.openOf(ana, standup.getId()).get(0);
        assertThat(anas.reference().toString()).isEqualTo("BL-1");
        assertThat(anas.getKeyResultRef()).isEqualTo("KR-1");
        assertThat(blockers.openOf(bo, standup.getId())).singleElement()
                .satisfies(b -> assertThat(b.getKeyResultId()).isNull());
        await().until(() -> dmsTo(kim).stream().anyMatch(m -> m.summary().equals("🚧 Ana is blocked on KR-1 (BL-1)")));
        assertThat(text(dmsTo(kim).get(0))).contains("Waiting on infra for the export, kr-1").contains("Standup");

        // Editing other answers keeps the blocker, and its owner is not told again.
        StandupRun friday = service.run(StandupRun.id(standup.getId(), LocalDate.parse("2026-03-06"))).orElseThrow();
        Form form = ((Response.ShowForm) engine.onAction(new ActionRequest(dm(ana, "Ana"), StandupCards.ANSWER_ACTION,
                friday.getId(), null))).form();
        assertThat(engine.onSubmit(new FormSubmission(dm(ana, "Ana"), form.formId(), Map.of("q0", "Release notes, "
                + "done", "q1", "Demo", "q2", "Waiting on infra for the export, kr-1"), form.state())))
                .isInstanceOf(SubmissionResult.Accepted.class);
        driver.awaitOutboundIdle();
        assertThat(dmsTo(kim)).filteredOn(m -> m.summary().contains("is blocked")).hasSize(1);
        assertThat(blockers.openOf(ana, standup.getId())).extracting(Blocker::getId).containsExactly(anas.getId());

        // The key result shows what is open against it.
        assertThat(reply(engine.onCommand(admin, "okr", "show KR-1"))).contains("Open blockers (1)").contains("BL-1")
                .contains("Waiting on infra for the export").contains("Ana");
        assertThat(reply(engine.onCommand(admin, "okr", "report"))).contains("BL-1");

        // Monday: before the questions, each is reminded of what is still open; the summary lists it with its age.
        slack.clear();
        driver.runUntil(Instant.parse("2026-03-09T08:05:00Z"));
        await().until(() -> dmsTo(ana).stream().anyMatch(m -> m.summary().startsWith("Time for")));
        List<String> toAna = dmsTo(ana).stream().map(Message::summary).toList();
        assertThat(toAna.get(0)).startsWith("Still blocked by: BL-1 Waiting on infra").endsWith("— Resolved?");
        assertThat(toAna.get(1)).startsWith("Time for");
        assertThat(text(dmsTo(ana).get(0))).contains("day 4");
        // Kim's Friday check-in prompt showed what is open against the key result.
        assertThat(dmsTo(kim)).filteredOn(m -> m.summary().startsWith("Time to check in on KR-1")).singleElement()
                .satisfies(m -> assertThat(text(m)).contains("Open blockers (1)").contains("BL-1"));
        RecordingChatGateway.Sent monday = slack.sent().stream()
                .filter(s -> s.destination().equals(new Destination.Channel(tenant, "C-STANDUP"))).findFirst()
                .orElseThrow();
        assertThat(text(monday.message())).contains("Still open from earlier days").contains("BL-1")
                .contains("BL-2").contains("day 4");

        // Bo may not resolve Ana's; an admin may resolve Bo's; Ana resolves hers with the button.
        assertThat(reply(engine.onCommand(dm(bo, "Bo"), "standup", "resolve BL-1"))).doesNotContain("is resolved");
        assertThat(blockers.openOf(ana, standup.getId())).hasSize(1);
        assertThat(reply(engine.onCommand(admin, "standup", "resolve BL-2"))).contains("BL-2 is resolved");
        assertThat(reply(engine.onAction(new ActionRequest(dm(ana, "Ana"), BlockerCards.RESOLVE_ACTION,
                anas.getId(), null)))).contains("BL-1 is resolved");
        assertThat(blockers.openOf(ana, standup.getId())).isEmpty();
        assertThat(blockers.openOn(tenant, anas.getKeyResultId())).isEmpty();
        // The summary is edited again; an edit waiting for the one before goes with the outbox's retry (Quartz).
        await().until(() -> {
            clock.advance(java.time.Duration.ofSeconds(5));
            outbox.retryDue();
            return !lastSummaryText(monday).contains("Still open from earlier days");
        });

        // Tuesday: nothing to remind of.
        slack.clear();
        driver.runUntil(Instant.parse("2026-03-10T08:05:00Z"));
        await().until(() -> dmsTo(ana).stream().anyMatch(m -> m.summary().startsWith("Time for")));
        assertThat(dmsTo(ana)).noneMatch(m -> m.summary().startsWith("Still blocked"));
    }

    @Test
    void aKeyResultOfAnotherTenantIsNeverLinkedNorItsBlockerResolvedFromHere() {
        TenantRef other = Tenants.slack();
        UserRef zed = new UserRef(other, "U-ZED");
        Blocker theirs = blockers.raise(new Blocker.Raised(other, "standup", "elsewhere", "Elsewhere", "day-1:zed",
                zed, "Zed", LocalDate.parse("2026-03-06"), "Blocked by KR-1"));

        assertThat(theirs.getKeyResultId()).isNull();
        driver.awaitOutboundIdle();
        assertThat(dmsTo(kim)).isEmpty();
        assertThat(reply(engine.onAction(new ActionRequest(dm(ana, "Ana"), BlockerCards.RESOLVE_ACTION,
                theirs.getId(), null)))).contains("no longer exists");
        assertThat(blockers.openOf(zed, "elsewhere")).hasSize(1);
    }

    private void createKeyResult() {
        assertThat(reply(engine.onCommand(admin, "okr", "cycle 2026-Q1"))).contains("2026-Q1");
        Form objective = ((Response.ShowForm) engine.onCommand(admin, "okr", "objective")).form();
        submit(objective, Map.of("title", "Ship exports", "owner", "U-KIM", "cycle",
                objective.input("cycle").initial()));
        Form kr = ((Response.ShowForm) engine.onCommand(admin, "okr", "kr O-1")).form();
        submit(kr, Map.of("objective", kr.input("objective").initial(), "title", "Exports self-serve", "owner",
                "U-KIM", "metric", "PERCENTAGE", "start", "0", "target", "100"));
    }

    private Standup createStandup() {
        Form form = ((Response.ShowForm) engine.onCommand(admin, "/standup", "new")).form();
        Map<String, String> values = new HashMap<>();
        form.inputs().forEach(i -> values.put(i.id(), i.initial() == null ? "" : i.initial()));
        values.put("name", "Standup " + tenant.tenantId());
        values.put("channel", "C-STANDUP");
        values.put("participants", "U-ANA,U-BO");
        values.put("zone", "Europe/Berlin");
        submit(form, values);
        return service.byName(tenant, "Standup " + tenant.tenantId());
    }

    private void submit(Form form, Map<String, String> values) {
        assertThat(engine.onSubmit(new FormSubmission(admin, form.formId(), values, form.state())))
                .isInstanceOf(SubmissionResult.Accepted.class);
    }

    private void answer(UserRef person, String... answers) {
        for (String answer : answers) {
            engine.onMessage(dm(person, person.userId()), answer);
        }
    }

    private Invoker dm(UserRef person, String name) {
        return new Invoker(person, name, new Destination.Channel(tenant, "D-" + person.userId()), true, null);
    }

    private List<Message> dmsTo(UserRef user) {
        return slack.sent().stream().filter(s -> s.destination().equals(new Destination.Direct(user)))
                .map(RecordingChatGateway.Sent::message).toList();
    }

    private static String reply(Response response) {
        assertThat(response).isInstanceOf(Response.Reply.class);
        return ((Response.Reply) response).parts().stream().map(StandupBlockersTest::text)
                .reduce("", String::concat);
    }

    private static String text(Message message) {
        return message.blocks().stream().map(Object::toString).reduce("", String::concat);
    }

    private String lastSummaryText(RecordingChatGateway.Sent summary) {
        List<RecordingChatGateway.Updated> updates = slack.updated().stream()
                .filter(u -> u.posted().equals(summary.posted())).toList();
        return text(updates.isEmpty() ? summary.message() : updates.get(updates.size() - 1).message());
    }
}
