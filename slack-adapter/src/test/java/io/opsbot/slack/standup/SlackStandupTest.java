package io.opsbot.slack.standup;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.opsbot.core.audit.Actor;
import io.opsbot.core.blocker.Blocker;
import io.opsbot.core.blocker.Blockers;
import io.opsbot.core.delivery.Outbox;
import io.opsbot.core.okr.KeyResult;
import io.opsbot.core.okr.KeyResultDraft;
import io.opsbot.core.okr.KeyResultService;
import io.opsbot.core.okr.MetricType;
import io.opsbot.core.okr.Objective;
import io.opsbot.core.okr.ObjectiveDraft;
import io.opsbot.core.okr.ObjectiveService;
import io.opsbot.core.okr.OkrCycle;
import io.opsbot.core.okr.OkrCycleService;
import io.opsbot.core.standup.StandupService;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.core.testing.NudgeDriver;
import io.opsbot.slack.testing.BlockKit;
import io.opsbot.slack.testing.ButtonClick;
import io.opsbot.slack.testing.FakeSlackApi;
import io.opsbot.slack.testing.SlackAdapterTest;
import io.opsbot.slack.testing.ViewSubmission;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A standup end to end on Slack: set up through the modal, prompts as DMs at 09:00 in each person's Slack time zone,
 * answers as DM events, the report in the summary's thread, the summary edited in place, one reminder, the cutoff.
 */
class SlackStandupTest extends SlackAdapterTest {

    // Monday 30 November 2026.
    static final Instant MONDAY = Instant.parse("2026-11-30T00:00:00Z");

    @Autowired
    MutableClock clock;
    @Autowired
    NudgeDriver driver;
    @Autowired
    Outbox outbox;
    @Autowired
    StandupService standups;
    @Autowired
    Blockers blockers;
    @Autowired
    OkrCycleService cycles;
    @Autowired
    ObjectiveService objectives;
    @Autowired
    KeyResultService keyResults;

    private String name;
    /** Fresh people per test: a person answers one dialog at a time, so tests must not share them. */
    private String ana;
    private String bo;
    private String cy;
    private String team;

    @BeforeEach
    void people() {
        clock.set(MONDAY);
        if (name == null) {
            String suffix = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
            name = "Standup " + suffix;
            ana = "U0ANA" + suffix;
            bo = "U0BO" + suffix;
            cy = "U0CY" + suffix;
            team = "C0TEAM" + suffix;
        }
        SLACK.user(ana, "Ana", "Europe/Berlin", false);
        SLACK.user(bo, "Bo", "America/New_York", false);
        SLACK.user(cy, "Cy", "Europe/Berlin", false);
        SLACK.user("B0HELPER", "Helper bot", "Europe/Berlin", true);
        SLACK.user("U0ADMIN", "Ada Admin", "Europe/London", false);
        SLACK.members(team, List.of(cy, "B0HELPER"));
    }

    private HttpResponse<String> command(String text, String user) {
        return slashCommand("/standup", text, "C0ADMIN", user, "standup");
    }

    private void createStandup() {
        assertThat(command("new", "U0ADMIN").statusCode()).isEqualTo(200);
        JsonObject view = SLACK.awaitCall("views.open", c -> true).jsonParam("view").getAsJsonObject();
        assertThat(view.get("callback_id").getAsString()).isEqualTo("standup.edit");
        List<String> elements = view.getAsJsonArray("blocks").asList().stream()
                .map(b -> b.getAsJsonObject().getAsJsonObject("element").get("type").getAsString()).toList();
        assertThat(elements).contains("conversations_select", "multi_users_select", "checkboxes", "timepicker",
                "number_input");

        JsonObject submission = ViewSubmission.of("standup.edit").user("U0ADMIN")
                .privateMetadata(view.get("private_metadata").getAsString())
                .plainTextInput("name", name)
                .conversationsSelect("channel", "C0STANDUP")
                .multiUsersSelect("participants", ana, bo)
                .conversationsSelect("members_of", team)
                .checkboxes("days", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")
                .timepicker("time", "09:00")
                .staticSelect("zone_mode", "PARTICIPANT")
                .plainTextInput("zone", "Europe/London")
                .plainTextInput("questions",
                        "What did you do yesterday?\nWhat will you do today?\nAnything blocking you?")
                .numberInput("reminder", "60")
                .numberInput("cutoff", "4")
                .json();
        SLACK.reset();
        people();

        HttpResponse<String> saved = slack.interaction(submission);

        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(saved.body()).doesNotContain("errors");
    }

    private JsonObject dm(String user, String text) {
        return directMessage(user, "D" + user, text);
    }

    /**
     * Answers the default questions in the DM as a person does, each after the bot asked the next one: messages sent
     * at the same instant may be handled in either order, as Slack may deliver them.
     */
    private void answerInDm(String user, String... answers) {
        for (int i = 0; i < answers.length; i++) {
            slack.event(dm(user, answers[i]), 0);
            if (i + 1 < answers.length) {
                String next = io.opsbot.core.standup.Question.DEFAULTS.get(i + 1).text();
                SLACK.awaitCall("chat.postMessage", c -> ("D" + user).equals(c.param("channel"))
                        && c.param("text").contains(next));
            }
        }
    }

    @Test
    void promptsAnswersReportSummaryReminderAndCutoff() {
        createStandup();

        // 09:00 in Berlin: Ana and Cy (from the channel; the bot member is left out); Bo waits for New York.
        driver.runUntil(Instant.parse("2026-11-30T08:01:00Z"));
        FakeSlackApi.Call anaPrompt = SLACK.awaitCall("chat.postMessage", c -> ana.equals(c.param("channel")));
        assertThat(anaPrompt.param("text")).startsWith("Time for " + name);
        assertThat(anaPrompt.param("blocks")).contains("1/3").contains("Answer in a form").contains("Skip today");
        SLACK.awaitCall("chat.postMessage", c -> cy.equals(c.param("channel")));
        FakeSlackApi.Call summary = SLACK.awaitCall("chat.postMessage", c -> "C0STANDUP".equals(c.param("channel")));
        assertThat(SLACK.calls("chat.postMessage")).noneMatch(c -> bo.equals(c.param("channel"))
                || "B0HELPER".equals(c.param("channel")));
        String summaryTs = JsonParser.parseString("{\"ts\":\"" + summaryTsOf(summary) + "\"}").getAsJsonObject()
                .get("ts").getAsString();

        slack.event(dm(ana, "Fixed the export bug"), 0);
        SLACK.awaitCall("chat.postMessage", c -> ("D" + ana).equals(c.param("channel"))
                && c.param("text").contains("What will you do today?"));
        slack.event(dm(ana, "Pair on billing"), 0);
        SLACK.awaitCall("chat.postMessage", c -> ("D" + ana).equals(c.param("channel"))
                && c.param("text").contains("Anything blocking you?"));
        slack.event(dm(ana, "Waiting for the staging database"), 0);

        FakeSlackApi.Call report = SLACK.awaitCall("chat.postMessage", c -> "C0STANDUP".equals(c.param("channel"))
                && c.param("thread_ts") != null);
        assertThat(report.param("thread_ts")).isEqualTo(summaryTs);
        assertThat(report.param("text")).isEqualTo("🚧 Ana is blocked");
        assertThat(report.jsonParam("blocks").toString()).contains("Waiting for the staging database")
                .contains("<@" + ana + ">");
        SLACK.awaitCall("chat.update", c -> summaryTs.equals(c.param("ts"))
                && c.param("text").contains("1 of 2 answered") && c.param("blocks").contains("Blockers"));

        // 10:00 Berlin: Cy gets the one reminder; Ana, who answered, does not.
        driver.runUntil(Instant.parse("2026-11-30T09:30:00Z"));
        SLACK.awaitCall("chat.postMessage", c -> cy.equals(c.param("channel"))
                && c.param("text").startsWith("Reminder"));
        // 09:00 in New York is 14:00Z; the Berlin window closes at 12:00Z, New York's at 18:00Z.
        driver.runUntil(Instant.parse("2026-11-30T14:01:00Z"));
        SLACK.awaitCall("chat.postMessage", c -> bo.equals(c.param("channel")));
        driver.runUntil(Instant.parse("2026-11-30T18:01:00Z"));

        SLACK.awaitCall("chat.update", c -> summaryTs.equals(c.param("ts")) && c.param("blocks").contains("Final"));
        // Exactly one reminder each for the two who never answered (other tests' standups may remind others).
        assertThat(SLACK.calls("chat.postMessage")).filteredOn(c -> c.param("text").startsWith("Reminder"))
                .extracting(c -> c.param("channel")).filteredOn(List.of(ana, bo, cy)::contains)
                .containsExactlyInAnyOrder(cy, bo);
    }

    @Test
    void skippingBeforeThePromptMeansNoPrompt() {
        createStandup();
        clock.set(Instant.parse("2026-11-30T07:00:00Z"));

        HttpResponse<String> skipped = slashCommand("/standup", "skip " + name, "D" + ana, ana, "skip");
        assertThat(skipped.body()).contains("you skip " + name + " today");
        driver.runUntil(Instant.parse("2026-11-30T08:30:00Z"));

        SLACK.awaitCall("chat.postMessage", c -> cy.equals(c.param("channel")));
        assertThat(SLACK.calls("chat.postMessage")).noneMatch(c -> ana.equals(c.param("channel")));
    }

    @Test
    void standupAloneShowsMineAndAnsweringBeforeThePromptStartsTodaysReport() {
        createStandup();
        clock.set(Instant.parse("2026-11-30T07:00:00Z"));

        String mine = slashCommand("/standup", "", "D" + ana, ana, "mine").body();
        assertThat(mine).contains("Your standups").contains(name).contains("asks at 09:00");
        assertThat(slashCommand("/standup", "", "D" + ana, "U0NOBODY", "mine").body())
                .contains("You are not in any standup");

        assertThat(command("answer " + name, ana).statusCode()).isEqualTo(200);
        JsonObject view = SLACK.awaitCall("views.open", c -> true).jsonParam("view").getAsJsonObject();
        HttpResponse<String> posted = slack.interaction(ViewSubmission.of("standup.answer").user(ana)
                .privateMetadata(view.get("private_metadata").getAsString())
                .plainTextInput("q0", "Wrote the release notes").plainTextInput("q1", "Demo")
                .plainTextInput("q2", "none").json());
        assertThat(posted.body()).doesNotContain("errors");

        // The day's summary is out before 09:00, with Ana's report under it.
        FakeSlackApi.Call summary = SLACK.awaitCall("chat.postMessage", c -> "C0STANDUP".equals(c.param("channel"))
                && c.param("thread_ts") == null);
        String summaryTs = summaryTsOf(summary);
        SLACK.awaitCall("chat.postMessage", c -> summaryTs.equals(c.param("thread_ts"))
                && c.param("text").contains("Ana"));
        assertThat(slashCommand("/standup", "", "D" + ana, ana, "mine").body()).contains("Today: answered");

        // 09:00 Berlin: Cy is asked, Ana (who answered) is not; one summary for the day.
        driver.runUntil(Instant.parse("2026-11-30T08:01:00Z"));
        SLACK.awaitCall("chat.postMessage", c -> cy.equals(c.param("channel")));
        SLACK.awaitCall("chat.update", c -> summaryTs.equals(c.param("ts"))
                && c.param("text").contains("1 of 2 answered"));
        assertThat(SLACK.calls("chat.postMessage")).noneMatch(c -> ana.equals(c.param("channel")));
        assertThat(SLACK.calls("chat.postMessage")).filteredOn(c -> "C0STANDUP".equals(c.param("channel"))
                && c.param("thread_ts") == null).hasSize(1);

        // Looking back: Ana's days, Cy's, and who answered how often.
        assertThat(slashCommand("/standup", "history", "D" + ana, ana, "history").body())
                .contains("Mon 30 Nov 2026").contains(name).contains("Wrote the release notes");
        assertThat(slashCommand("/standup", "history <@" + cy + "|cy> 2026-11-30..2026-11-30", "D" + ana, ana,
                "history").body()).contains("waiting").doesNotContain("Wrote the release notes");
        assertThat(slashCommand("/standup", "history 2026-12-30..2026-11-30", "D" + ana, ana, "history").body())
                .contains("from..to");
        String participation = JsonParser.parseString(slashCommand("/standup", "participation 2026-11-30",
                "D" + ana, ana, "participation").body()).getAsJsonObject().get("text").getAsString();
        String ours = participation.substring(participation.indexOf(name + "\n")).split("\n(?!•)", 2)[0];
        assertThat(ours).contains("@Ana: 100% (1 of 1)").contains("@Cy: 0% (0 of 1)");
    }

    @Test
    void timeOffAndCompanyHolidaysUnderOpsbotMeanNoPrompt() {
        createStandup();
        clock.set(Instant.parse("2026-11-30T07:00:00Z"));

        assertThat(slashCommand("/opsbot", "ooo 2026-11-30 to 2026-12-01", "D" + ana, ana, "ooo").body())
                .contains("from 2026-11-30 to 2026-12-01");
        assertThat(slashCommand("/opsbot", "ooo", "D" + ana, ana, "ooo").body())
                .contains("Your time off: 2026-11-30 to 2026-12-01");
        assertThat(slashCommand("/opsbot", "holiday add 2026-12-01", "C0ADMIN", "U0ADMIN", "holiday").body())
                .contains("2026-12-01");
        assertThat(slashCommand("/opsbot", "holiday", "C0ADMIN", cy, "holiday").body())
                .contains("Company holidays: 2026-12-01");

        driver.runUntil(Instant.parse("2026-11-30T08:01:00Z"));
        SLACK.awaitCall("chat.postMessage", c -> cy.equals(c.param("channel")));
        await().atMost(Duration.ofSeconds(10)).until(() -> Stream.concat(SLACK.calls("chat.postMessage").stream(),
                SLACK.calls("chat.update").stream()).anyMatch(c -> "C0STANDUP".equals(c.param("channel"))
                && c.param("text").contains("0 of 1 answered") && c.param("blocks").contains("out of office")));
        assertThat(SLACK.calls("chat.postMessage")).noneMatch(c -> ana.equals(c.param("channel")));

        try {
            // Tuesday is a company holiday: nobody is asked, in any zone.
            SLACK.reset();
            people();
            driver.runUntil(Instant.parse("2026-12-01T20:00:00Z"));
            assertThat(SLACK.calls("chat.postMessage")).as("Bo is still asked for Monday, in New York")
                    .anyMatch(c -> bo.equals(c.param("channel")) && c.param("blocks").contains("Mon 30 Nov"))
                    .noneMatch(c -> c.param("blocks") != null && c.param("blocks").contains("Tue 1 Dec"));
        } finally {
            // The workspace is shared with the other tests of this context.
            slashCommand("/opsbot", "holiday remove 2026-12-01", "C0ADMIN", "U0ADMIN", "holiday");
        }
    }

    @Test
    void remindersCanBeTurnedOffAndUnansweredDaysPauseAPersonUntilOneClickResumes() {
        createStandup();
        clock.set(Instant.parse("2026-11-30T07:00:00Z"));
        assertThat(slashCommand("/standup", "reminders off", "D" + ana, ana, "reminders").body())
                .contains("Reminder before the cutoff: off");
        assertThat(slashCommand("/standup", "reminders pause-after 1", "D" + cy, cy, "reminders").body())
                .contains("Stops asking you after 1 unanswered days in a row");

        // Monday: nobody answers in Berlin; Ana gets no reminder, Cy does, and Cy's cutoff pauses him.
        driver.runUntil(Instant.parse("2026-11-30T12:01:00Z"));
        SLACK.awaitCall("chat.postMessage", c -> cy.equals(c.param("channel"))
                && c.param("text").startsWith("Reminder"));
        FakeSlackApi.Call paused = SLACK.awaitCall("chat.postMessage", c -> cy.equals(c.param("channel"))
                && c.param("text").startsWith("Stopped asking you"));
        assertThat(paused.param("blocks")).contains("1 times in a row").contains("Ask me again");
        assertThat(SLACK.calls("chat.postMessage")).noneMatch(c -> ana.equals(c.param("channel"))
                && c.param("text").startsWith("Reminder"))
                .noneMatch(c -> ana.equals(c.param("channel")) && c.param("text").startsWith("Stopped"));

        // Tuesday: Cy is not asked (the summary says why); Ana is.
        SLACK.reset();
        people();
        driver.runUntil(Instant.parse("2026-12-01T08:01:00Z"));
        SLACK.awaitCall("chat.postMessage", c -> ana.equals(c.param("channel"))
                && c.param("text").startsWith("Time for"));
        await().atMost(Duration.ofSeconds(10)).until(() -> Stream.concat(SLACK.calls("chat.postMessage").stream(),
                SLACK.calls("chat.update").stream()).anyMatch(c -> "C0STANDUP".equals(c.param("channel"))
                && c.param("blocks") != null && c.param("blocks").contains("paused: did not answer")));
        assertThat(SLACK.calls("chat.postMessage")).noneMatch(c -> cy.equals(c.param("channel"))
                && c.param("text").startsWith("Time for"));

        // One click and Cy is asked again on Wednesday.
        HttpResponse<String> resumed = slack.interaction(ButtonClick.on(BlockKit.button(paused, "Ask me again"))
                .user(cy).channel("D" + cy).messageTs("1.1").responseUrl(SLACK.responseUrl("resume")).json());
        assertThat(resumed.statusCode()).isEqualTo(200);
        assertThat(slashCommand("/standup", "reminders", "D" + cy, cy, "reminders").body()).doesNotContain("Paused");
        driver.runUntil(Instant.parse("2026-12-02T08:01:00Z"));
        SLACK.awaitCall("chat.postMessage", c -> cy.equals(c.param("channel"))
                && c.param("blocks").contains("Wed 2 Dec"));
    }

    @Test
    void newBlockersGoAtOnceToThePersonTheStandupNamesOncePerBlocker() {
        createStandup();
        SLACK.user("U0LEAD", "Lee Lead", "Europe/Berlin", false);
        assertThat(command("blockers " + name + " <@U0LEAD|lee>", "U0ADMIN").body())
                .contains("now go to Lee Lead");
        assertThat(command("blockers " + name + " <@U0LEAD|lee>", ana).body()).as("a participant may not")
                .doesNotContain("now go to");
        driver.runUntil(Instant.parse("2026-11-30T08:01:00Z"));
        SLACK.awaitCall("chat.postMessage", c -> ana.equals(c.param("channel")));

        answerInDm(ana, "Release notes", "Demo", "Waiting for the staging database");
        FakeSlackApi.Call told = SLACK.awaitCall("chat.postMessage", c -> "U0LEAD".equals(c.param("channel")));
        assertThat(told.param("text")).isEqualTo("🚧 Ana is blocked (" + name + ")");
        assertThat(told.param("blocks")).contains("Waiting for the staging database");

        // Editing other answers tells nobody again; a new blocker does.
        JsonObject view = openAnswerForm(ana);
        submitAnswers(view, ana, "Release notes, done", "Demo", "Waiting for the staging database");
        // The report is edited in place, or, if the edit came before it went out, posted as edited; the outbox's
        // retry job (Quartz, stopped in tests) sends an edit that waited for the one before it.
        // A report whose summary was not posted yet waits 15 s (the outbox's thread wait), so the clock moves on.
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            clock.advance(Duration.ofSeconds(5));
            outbox.retryDue();
            return Stream.concat(SLACK.calls("chat.postMessage").stream(), SLACK.calls("chat.update").stream())
                    .anyMatch(c -> "C0STANDUP".equals(c.param("channel")) && c.param("blocks") != null
                            && c.param("blocks").contains("Release notes, done"));
        });
        submitAnswers(openAnswerForm(ana), ana, "Release notes, done", "Demo", "Now also the VPN");
        SLACK.awaitCall("chat.postMessage", c -> "U0LEAD".equals(c.param("channel"))
                && c.param("blocks").contains("Now also the VPN"));
        assertThat(SLACK.calls("chat.postMessage")).filteredOn(c -> "U0LEAD".equals(c.param("channel"))).hasSize(2);
    }

    @Test
    void withAnEarlyWindowTheNextDayIsAnsweredTheEveningBefore() {
        createStandup();
        // Monday 20:00 in Berlin: Monday's window closed at 13:00.
        clock.set(Instant.parse("2026-11-30T19:00:00Z"));
        assertThat(slashCommand("/standup", "answer " + name, "D" + ana, ana, "answer").body())
                .contains("closed at 13:00");
        assertThat(command("early 15 " + name, "U0ADMIN").body()).contains("takes answers 15 hours before it asks");

        submitAnswers(openAnswerForm(ana), ana, "Planning", "Tuesday things", "none");
        SLACK.awaitCall("chat.postMessage", c -> "C0STANDUP".equals(c.param("channel"))
                && c.param("thread_ts") == null && c.param("text").contains("Tue 1 Dec 2026"));

        driver.runUntil(Instant.parse("2026-12-01T08:01:00Z"));
        SLACK.awaitCall("chat.postMessage", c -> cy.equals(c.param("channel"))
                && c.param("blocks").contains("Tue 1 Dec"));
        assertThat(SLACK.calls("chat.postMessage")).as("Ana answered Tuesday already")
                .noneMatch(c -> ana.equals(c.param("channel")) && c.param("blocks").contains("Tue 1 Dec"));
    }

    @Test
    void aBlockerNamingAKeyResultTellsItsOwnerOnceCarriesOverWithItsAgeAndOnlyItsAuthorResolvesIt() {
        createStandup();
        String kim = "U0KIM" + ana.substring("U0ANA".length());
        SLACK.user(kim, "Kim", "Europe/Berlin", false);
        TenantRef tenant = TenantRef.slack(FakeSlackApi.TEAM_ID);
        Actor admin = Actor.inChat(new UserRef(tenant, "U0ADMIN"), "Ada Admin");
        OkrCycle cycle = cycles.startCycle(admin, "BLK" + kim, LocalDate.parse("2026-11-29"),
                LocalDate.parse("2027-01-31"));
        try {
            Objective objective = objectives.create(admin, new ObjectiveDraft(cycle.getId(), "Ship " + name,
                    new UserRef(tenant, kim), null, null));
            KeyResult kr = keyResults.create(admin, new KeyResultDraft(objective.getId(), "Exports " + name,
                    new UserRef(tenant, kim), MetricType.PERCENTAGE, BigDecimal.ZERO, BigDecimal.valueOf(100), null,
                    null, null));
            driver.runUntil(Instant.parse("2026-11-30T08:01:00Z"));
            SLACK.awaitCall("chat.postMessage", c -> ana.equals(c.param("channel")));
            answerInDm(ana, "Release notes", "Demo", "Waiting on infra, " + kr.reference() + " <!channel>");

            // The key result's owner hears of it at once, escaped, in a DM.
            FakeSlackApi.Call told = SLACK.awaitCall("chat.postMessage", c -> kim.equals(c.param("channel")));
            Blocker blocker = blockers.openOf(new UserRef(tenant, ana), standupId()).get(0);
            assertThat(told.param("text")).isEqualTo("🚧 Ana is blocked on " + kr.reference() + " ("
                    + blocker.reference() + ")");
            assertThat(told.jsonParam("blocks").toString()).contains("Waiting on infra").contains("&lt;!channel&gt;")
                    .doesNotContain("<!channel>");
            assertThat(blocker.getKeyResultId()).isEqualTo(kr.getId());
            String shown = slashCommand("/okr", "show " + kr.reference(), "D" + kim, kim, "show").body();
            assertThat(shown).contains("Open blockers (1)").contains(blocker.reference().toString());

            // Tuesday: before her questions Ana is reminded, and the summary carries it over on its second day.
            SLACK.reset();
            people();
            SLACK.user(kim, "Kim", "Europe/Berlin", false);
            driver.runUntil(Instant.parse("2026-12-01T08:01:00Z"));
            FakeSlackApi.Call still = SLACK.awaitCall("chat.postMessage", c -> ana.equals(c.param("channel"))
                    && c.param("text").startsWith("Still blocked by: " + blocker.reference()));
            assertThat(still.param("blocks")).contains("day 2").contains("Resolved " + blocker.reference());
            FakeSlackApi.Call prompt = SLACK.awaitCall("chat.postMessage", c -> ana.equals(c.param("channel"))
                    && c.param("text").startsWith("Time for"));
            assertThat(SLACK.calls("chat.postMessage").indexOf(still))
                    .isLessThan(SLACK.calls("chat.postMessage").indexOf(prompt));
            await().atMost(Duration.ofSeconds(10)).until(() -> Stream.concat(SLACK.calls("chat.postMessage").stream(),
                    SLACK.calls("chat.update").stream()).anyMatch(c -> "C0STANDUP".equals(c.param("channel"))
                    && c.param("blocks") != null && c.param("blocks").contains("Still open from earlier days")
                    && c.param("blocks").contains("day 2")));

            // Bo's click changes nothing; Ana's resolves it, in MongoDB too.
            JsonObject resolve = BlockKit.button(still, "Resolved " + blocker.reference());
            assertThat(slack.interaction(ButtonClick.on(resolve).user(bo).channel("D" + bo).messageTs("1.1")
                    .responseUrl(SLACK.responseUrl("resolve-bo")).json()).statusCode()).isEqualTo(200);
            SLACK.awaitCall("response_url", c -> c.body().contains("resolve"));
            assertThat(blockers.openOf(new UserRef(tenant, ana), standupId())).hasSize(1);
            assertThat(slack.interaction(ButtonClick.on(resolve).user(ana).channel("D" + ana).messageTs("1.2")
                    .responseUrl(SLACK.responseUrl("resolve-ana")).json()).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> blockers.openOf(new UserRef(tenant, ana),
                    standupId()).isEmpty());
            assertThat(blockers.openOn(tenant, kr.getId())).isEmpty();
            assertThat(SLACK.calls("chat.postMessage")).noneMatch(c -> kim.equals(c.param("channel")));
        } finally {
            cycles.closeCycle(admin, cycle.getName());
        }
    }

    private String standupId() {
        return standups.byName(TenantRef.slack(FakeSlackApi.TEAM_ID), name).getId();
    }

    private JsonObject openAnswerForm(String user) {
        int before = SLACK.calls("views.open").size();
        assertThat(slashCommand("/standup", "answer " + name, "D" + user, user, "answer").statusCode())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> SLACK.calls("views.open").size() > before);
        return SLACK.calls("views.open").get(before).jsonParam("view").getAsJsonObject();
    }

    private void submitAnswers(JsonObject view, String user, String... answers) {
        ViewSubmission submission = ViewSubmission.of("standup.answer").user(user)
                .privateMetadata(view.get("private_metadata").getAsString());
        for (int i = 0; i < answers.length; i++) {
            submission.plainTextInput("q" + i, answers[i]);
        }
        assertThat(slack.interaction(submission.json()).body()).doesNotContain("errors");
    }

    private static String summaryTsOf(FakeSlackApi.Call summary) {
        // The fake answers chat.postMessage with increasing ts values; find the one it gave this post.
        return summary.response().get("ts").getAsString();
    }
}
