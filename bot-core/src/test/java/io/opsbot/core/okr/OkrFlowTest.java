package io.opsbot.core.okr;

import io.opsbot.core.conversation.ActionRequest;
import io.opsbot.core.conversation.ConversationEngine;
import io.opsbot.core.conversation.FormSubmission;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.SubmissionResult;
import io.opsbot.core.delivery.Outbox;
import io.opsbot.core.dialog.Dialog;
import io.opsbot.core.dialog.DialogService;
import io.opsbot.core.form.Form;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.message.Block;
import io.opsbot.core.message.Button;
import io.opsbot.core.message.ButtonValue;
import io.opsbot.core.message.Message;
import io.opsbot.core.people.DateRange;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.reference.Reference;
import io.opsbot.core.schedule.Nudge;
import io.opsbot.core.schedule.NudgeDispatcher;
import io.opsbot.core.schedule.NudgeScheduler;
import io.opsbot.core.tenant.TenantRef;
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

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * OKRs through the engine and the nudge driver: objectives and key results made with the admin forms, prompts in
 * each owner's zone, check-ins by DM, form and command, reminders, alerts and the digest in the OKR channel.
 */
@CoreTest
class OkrFlowTest {

    /** A Monday; the cycle is 2027-H1. US daylight saving starts on 2027-03-14, the EU's on 2027-03-28. */
    static final Instant MONDAY = Instant.parse("2027-03-01T08:00:00Z");

    @Autowired
    ConversationEngine engine;
    @Autowired
    ObjectiveService objectives;
    @Autowired
    KeyResultService keyResults;
    @Autowired
    CheckInService checkIns;
    @Autowired
    ProfileService profiles;
    @Autowired
    DialogService dialogs;
    @Autowired
    Outbox outbox;
    @Autowired
    NudgeScheduler nudges;
    @Autowired
    NudgeDispatcher dispatcher;
    @Autowired
    NudgeDriver driver;
    @Autowired
    OkrNudges okrNudges;
    @Autowired
    MutableClock clock;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    @Qualifier("slackGateway")
    RecordingChatGateway slack;

    private TenantRef tenant;
    private Invoker admin;
    private Invoker ana;
    private Invoker bo;
    private Destination.Channel okrChannel;

    @BeforeEach
    void setUp() {
        clock.set(MONDAY);
        tenant = Tenants.slack();
        admin = Tenants.inChannel(tenant, "U-ADMIN", "Ada Admin", "C-OKR");
        ana = Tenants.direct(tenant, "U-ANA", "Ana");
        bo = Tenants.direct(tenant, "U-BO", "Bo");
        okrChannel = new Destination.Channel(tenant, "C-OKR");
        profiles.setZone(ana.user(), "Europe/Berlin");
        profiles.setZone(bo.user(), "America/New_York");
        engine.onCommand(ana, "okr", "mine");
        engine.onCommand(bo, "okr", "mine");
        assertThat(text(engine.onCommand(admin, "okr", "channel here"))).contains("will be posted here");
        assertThat(text(engine.onCommand(admin, "okr", "cycle 2027-H1")))
                .isEqualTo("Cycle 2027-H1 runs from 2027-01-01 to 2027-06-30.");
        createObjectiveAndKeyResults();
    }

    @AfterEach
    void stopNudges() {
        for (String kind : List.of(OkrNudges.PROMPT, OkrNudges.REMINDER, OkrNudges.DIGEST)) {
            nudges.cancel(kind, tenant.key());
        }
    }

    private void createObjectiveAndKeyResults() {
        Form objective = form(engine.onCommand(admin, "okr", "objective"));
        assertThat(objective.inputs()).extracting("id").containsExactly("title", "owner", "team", "cycle");
        SubmissionResult created = submit(admin, objective, Map.of("title", "Keep our customers", "owner", "U-ANA",
                "team", "Growth", "cycle", objective.input("cycle").initial()));
        assertThat(confirmation(created)).contains("Created O-1 Keep our customers (2027-H1)");

        Form kr = form(engine.onCommand(admin, "okr", "kr O-1"));
        assertThat(kr.input("objective").initial())
                .isEqualTo(objectives.find(tenant, Objective.KIND.of(1)).orElseThrow().getId());
        Map<String, String> churn = new HashMap<>(Map.of("objective", kr.input("objective").initial(),
                "title", "Cut monthly churn from 5% to 3%", "owner", "U-ANA", "metric", "PERCENTAGE",
                "start", "5", "target", "150"));
        SubmissionResult refused = submit(admin, kr, churn);
        assertThat(((SubmissionResult.Rejected) refused).errors()).containsEntry("target",
                "A percentage goes from 0 to 100.");
        churn.put("target", "5");
        assertThat(((SubmissionResult.Rejected) submit(admin, kr, churn)).errors()).containsKey("target");
        churn.put("target", "3");
        assertThat(confirmation(submit(admin, kr, churn))).contains("Created KR-1 Cut monthly churn from 5% to 3%: "
                + "5% → 3% by 2027-06-30");

        assertThat(confirmation(submit(admin, kr, Map.of("objective", kr.input("objective").initial(),
                "title", "Grow weekly signups", "owner", "U-BO", "metric", "NUMBER", "start", "100",
                "target", "500", "unit", "signups")))).contains("Created KR-2 Grow weekly signups: 100 signups → "
                + "500 signups");
        slack.clear();
    }

    private KeyResult kr(String reference) {
        return keyResults.find(tenant, Reference.parse(reference, KeyResult.KIND).orElseThrow()).orElseThrow();
    }

    @Test
    void promptsFollowEachOwnersZoneAcrossDaylightSavingChanges() {
        // Ana answers none of them: without this, three unanswered weeks would pause her prompts (OkrRemindersTest).
        assertThat(text(engine.onCommand(ana, "okr", "reminders pause-after 0"))).contains("Never stops asking you");
        List<Nudge> fired = driver.runUntil(Instant.parse("2027-04-10T00:00:00Z"));

        List<String> prompts = fired.stream().filter(n -> n.kind().equals(OkrNudges.PROMPT)
                && n.subject().equals(tenant.key())).map(n -> n.group() + "@" + n.at()).toList();
        assertThat(prompts).containsExactly(
                "U-ANA@2027-03-05T14:00:00Z", "U-BO@2027-03-05T20:00:00Z",
                "U-ANA@2027-03-12T14:00:00Z", "U-BO@2027-03-12T20:00:00Z",
                // New York moved to daylight time on the 14th: still 15:00 there
                "U-ANA@2027-03-19T14:00:00Z", "U-BO@2027-03-19T19:00:00Z",
                "U-ANA@2027-03-26T14:00:00Z", "U-BO@2027-03-26T19:00:00Z",
                // Berlin moved on the 28th
                "U-ANA@2027-04-02T13:00:00Z", "U-BO@2027-04-02T19:00:00Z",
                "U-ANA@2027-04-09T13:00:00Z", "U-BO@2027-04-09T19:00:00Z");
        KeyResult churn = kr("KR-1");
        for (String week : List.of("2027-03-05", "2027-03-12", "2027-03-19", "2027-03-26", "2027-04-02")) {
            assertThat(outbox.find(OkrNudges.promptKey(churn, LocalDate.parse(week), ana.user()))).isPresent();
        }
    }

    @Test
    void aPromptIsADmWithTheCurrentValueAndAButtonAndTheDialogRecordsTheCheckIn() {
        driver.runUntil(Instant.parse("2027-03-05T14:00:00Z"));

        Message prompt = sentTo(ana).get(0);
        assertThat(prompt.summary()).isEqualTo("Time to check in on KR-1: Cut monthly churn from 5% to 3% (now 5%)");
        assertThat(buttons(prompt)).containsExactly(Button.primary("okr.checkin", "Check in",
                ButtonValue.of(kr("KR-1").getId())));
        await().until(() -> sentTo(ana).size() == 2);
        assertThat(sentTo(ana).get(1).summary()).contains("1/3 What is KR-1 at now? It was 5% (target 3%).");

        assertThat(say(ana, "about four")).startsWith("⚠️ \"about four\" is not a number.")
                .endsWith("Nothing was saved. Try again, or type skip to keep 5%.");
        assertThat(say(ana, "42")).startsWith("⚠️ 42% is outside what KR-1 can be: enter a value from 0% to 25%");
        assertThat(say(ana, "4.5")).startsWith("2/3 How confident are you");
        assertThat(say(ana, "maybe")).startsWith("⚠️ Answer on track, at risk or off track");
        assertThat(say(ana, "off track")).startsWith("3/3 Anything to add?");
        assertThat(say(ana, "Two large accounts left")).isEqualTo("✅ Checked in KR-1: 5% → 4.5% ▓▓░░░░░░░░ 25% · "
                + "🔴 off track.\nThe confidence drop was shared in the OKR channel.");

        KeyResult churn = kr("KR-1");
        assertThat(churn.getCurrent()).isEqualByComparingTo("4.5");
        assertThat(churn.getConfidence()).isEqualTo(Confidence.OFF_TRACK);
        CheckIn stored = checkIns.history(churn, 5).get(0);
        assertThat(stored.getSource()).isEqualTo(CheckIn.Source.DIRECT_MESSAGE);
        assertThat(stored.getPreviousValue()).isEqualByComparingTo("5");
        assertThat(stored.getComment()).isEqualTo("Two large accounts left");
        Message alert = await().until(() -> sentTo(okrChannel), l -> !l.isEmpty()).get(0);
        assertThat(alert.summary()).isEqualTo("🔴 KR-1 is off track (was on track): Cut monthly churn from 5% to 3%");
        assertThat(body(alert)).contains("Objective: O-1 Keep our customers").contains("▓▓░░░░░░░░ 25%")
                .contains("Two large accounts left").contains("Checked in by Ana");
    }

    @Test
    void badInputChangesNothing() {
        KeyResult before = kr("KR-1");

        assertThat(text(engine.onCommand(ana, "okr", "checkin KR-1 lots"))).contains("\"lots\" is not a number");
        assertThat(text(engine.onCommand(ana, "okr", "checkin KR-1 60 on track"))).contains("60% is outside");
        assertThat(text(engine.onCommand(ana, "okr", "checkin KR-99 4"))).contains("There is no KR-99 here");
        assertThat(text(engine.onCommand(bo, "okr", "checkin KR-1 4"))).contains("Only the owner of KR-1, its "
                + "managers and admins of this workspace can check in on it.");
        Form form = form(engine.onAction(new ActionRequest(ana, "okr.checkin", before.getId(), null)));
        SubmissionResult rejected = submit(ana, form, Map.of("value", "60", "confidence", "AT_RISK"));
        assertThat(((SubmissionResult.Rejected) rejected).errors()).containsEntry("value",
                "Enter a number from 0 to 25.");
        assertThat(text(engine.onCommand(bo, "okr", "objective"))).contains("Only a manager or admin");

        KeyResult after = kr("KR-1");
        assertThat(after.getCurrent()).isEqualByComparingTo(before.getCurrent());
        assertThat(after.getConfidence()).isNull();
        assertThat(after.getUpdatedAt()).isEqualTo(before.getUpdatedAt());
        assertThat(checkIns.count(after)).isZero();
        assertThat(objectives.openObjectives(tenant)).hasSize(1);
    }

    @Test
    void theCheckInFormIsPrefilledAndClosesTheQuestionsInTheDm() {
        driver.runUntil(Instant.parse("2027-03-05T14:00:00Z"));
        KeyResult churn = kr("KR-1");
        String dialogKey = CheckInDialog.key(churn, LocalDate.parse("2027-03-05"), ana.user());
        await().until(() -> dialogs.find(dialogKey).map(Dialog::getState).orElse(null) == Dialog.State.ACTIVE);

        Form form = form(engine.onAction(new ActionRequest(ana, "okr.checkin", churn.getId(), null)));
        assertThat(form.title()).isEqualTo("Check in KR-1");
        assertThat(form.input("value").initial()).isEqualTo("5");
        assertThat(form.input("confidence").initial()).isEqualTo("ON_TRACK");
        SubmissionResult ok = submit(ana, form, Map.of("value", "4.6", "confidence", "ON_TRACK",
                "comment", "Win-back emails work"));

        assertThat(confirmation(ok)).startsWith("✅ Checked in KR-1: 5% → 4.6%");
        assertThat(dialogs.find(dialogKey).orElseThrow().getState()).isEqualTo(Dialog.State.DONE);
        assertThat(checkIns.history(churn, 5)).singleElement()
                .satisfies(c -> assertThat(c.getSource()).isEqualTo(CheckIn.Source.FORM));
        assertThat(say(ana, "help")).as("DMs are commands again").contains("Here is what I can do");
        assertThat(sentTo(okrChannel)).as("on track is no drop").isEmpty();
    }

    @Test
    void missedCheckInsGetOneReminderAndNobodyAwayIsNudged() {
        profiles.addOutOfOffice(bo.user(), new DateRange(LocalDate.parse("2027-03-12"), LocalDate.parse("2027-03-16")));
        driver.runUntil(Instant.parse("2027-03-05T20:00:00Z"));
        assertThat(text(engine.onCommand(bo, "okr", "checkin KR-2 180 on track"))).contains("Checked in KR-2");

        driver.runUntil(Instant.parse("2027-03-09T00:00:00Z"));
        dispatcher.fire(new Nudge(OkrNudges.REMINDER, tenant.key(), "U-ANA", Instant.parse("2027-03-08T09:00:00Z")));
        await().until(() -> reminders(ana).size() == 1);

        assertThat(reminders(ana)).singleElement().satisfies(m -> assertThat(body(m))
                .contains("you have not checked in on KR-1 this week yet"));
        assertThat(reminders(bo)).as("Bo checked in").isEmpty();

        slack.clear();
        driver.runUntil(Instant.parse("2027-03-17T00:00:00Z"));
        await().until(() -> !sentTo(ana).isEmpty());
        assertThat(sentTo(bo)).as("out of office on the 12th").isEmpty();
        assertThat(outbox.find(OkrNudges.promptKey(kr("KR-2"), LocalDate.parse("2027-03-12"), bo.user()))).isEmpty();
    }

    @Test
    void confidenceDropsAreAlertedImprovementsAreNot() {
        engine.onCommand(ana, "okr", "checkin KR-1 4.8 on track");
        engine.onCommand(ana, "okr", "checkin KR-1 4.7 at risk Fewer renewals than planned");
        engine.onCommand(ana, "okr", "checkin KR-1 4.2 on track");

        Message alert = await().until(() -> sentTo(okrChannel), l -> !l.isEmpty()).get(0);
        assertThat(alert.summary()).isEqualTo("🟡 KR-1 dropped to at risk (was on track): Cut monthly churn from 5% "
                + "to 3%");
        assertThat(body(alert)).contains("Fewer renewals than planned");
        await().during(java.time.Duration.ofMillis(300)).until(() -> sentTo(okrChannel).size() == 1);

        String history = text(engine.onCommand(ana, "okr", "history KR-1"));
        assertThat(history).contains("🟢 4.2% (40%) by Ana").contains("🟡 4.7% (15%) by Ana: Fewer renewals")
                .contains("🟢 4.8% (10%) by Ana");
        assertThat(checkIns.history(kr("KR-1"), 10)).extracting(CheckIn::getPreviousConfidence)
                .containsExactly(Confidence.AT_RISK, Confidence.ON_TRACK, null);
    }

    @Test
    void theWeeklyDigestShowsProgressTrendsAndMissingCheckIns() {
        driver.runUntil(Instant.parse("2027-03-05T14:00:00Z"));
        engine.onCommand(ana, "okr", "checkin KR-1 4.8 on track");
        driver.runUntil(Instant.parse("2027-03-12T14:00:00Z"));
        engine.onCommand(ana, "okr", "checkin KR-1 4.5 at risk");
        slack.clear();

        driver.runUntil(Instant.parse("2027-03-15T12:00:00Z"));

        Message digest = await().until(() -> sentTo(okrChannel).stream()
                .filter(m -> m.summary().startsWith("Weekly OKR digest")).toList(), l -> !l.isEmpty()).get(0);
        assertThat(digest.summary()).isEqualTo("Weekly OKR digest · 2027-H1");
        assertThat(MessageLinks.of(digest)).containsExactly("📊 Open in dashboard → " + CoreTest.DASHBOARD + "/okrs");
        String body = body(digest);
        assertThat(body).contains("1 of 2 key results checked in this week.")
                .contains("O-1 Keep our customers  ▓░░░░░░░░░ 12%")
                .contains("Owner Ana · team growth")
                .contains("🟢→🟡 KR-1 Cut monthly churn from 5% to 3%  ▓▓░░░░░░░░ 25% 4.5% → 3% (+15 pts) · Ana")
                .contains("⚪ KR-2 Grow weekly signups  ░░░░░░░░░░ 0% 100 signups → 500 signups · Bo")
                .contains("⏳ Not checked in this week: Bo (KR-2)");

        String report = text(engine.onCommand(admin, "okr", "report growth"));
        assertThat(report).contains("OKR report · 2027-H1 · growth").contains("⏳ Not checked in this week: Bo (KR-2)");
        assertThat(text(engine.onCommand(admin, "okr", "report sales"))).contains("No team \"sales\" has objectives "
                + "in 2027-H1. Teams: growth.");
        assertThat(text(engine.onCommand(ana, "okr", "mine"))).contains("KR-1 Cut monthly churn from 5% to 3%")
                .contains("▓▓░░░░░░░░ 25%  4.5% → 3%  🟡 at risk").doesNotContain("KR-2");
    }

    @Test
    void anAdminMirrorsTheDigestIntoASecondChannelAndOthersCannot() {
        Destination.Channel mirror = new Destination.Channel(tenant, "C-MIRROR");
        assertThat(text(engine.onCommand(Tenants.inChannel(tenant, "U-BO", "Bo", "C-MIRROR"), "okr", "mirror")))
                .contains("Only an admin");
        assertThat(text(engine.onCommand(admin, "okr", "mirror"))).contains("already the OKR channel");
        assertThat(text(engine.onCommand(Tenants.inChannel(tenant, "U-ADMIN", "Ada Admin", "C-MIRROR"), "okr",
                "mirror"))).contains("will be posted here too");
        assertThat(text(engine.onCommand(admin, "okr", "channel"))).contains("also posted in a Slack channel");
        driver.runUntil(Instant.parse("2027-03-05T14:00:00Z"));
        engine.onCommand(ana, "okr", "checkin KR-1 4.8 on track");
        slack.clear();

        driver.runUntil(Instant.parse("2027-03-08T12:00:00Z"));

        await().until(() -> sentTo(mirror).stream().filter(m -> m.summary().startsWith("Weekly OKR digest")).count(),
                n -> n == 1);
        assertThat(sentTo(okrChannel)).filteredOn(m -> m.summary().startsWith("Weekly OKR digest")).hasSize(1);
        assertThat(text(engine.onCommand(admin, "okr", "mirror off"))).contains("OKR channel only");
        assertThat(text(engine.onCommand(admin, "okr", "channel"))).doesNotContain("also posted");
    }

    @Test
    void theCadenceIsATenantSettingAndEditingKeepsTheHistory() {
        assertThat(text(engine.onCommand(admin, "okr", "cadence thursday 09:30"))).isEqualTo("Key-result owners are "
                + "asked to check in every Thursday at 09:30 in their own time zone, with one reminder the next "
                + "weekday at 10:00.");
        assertThat(text(engine.onCommand(bo, "okr", "cadence monday 09:00"))).contains("Only an admin");
        assertThat(text(engine.onCommand(admin, "okr", "cadence someday"))).contains("“someday” is not a weekday")
                .contains("/okr cadence <day> <time>");

        List<Nudge> fired = driver.runUntil(Instant.parse("2027-03-05T00:00:00Z"));
        assertThat(fired.stream().filter(n -> n.subject().equals(tenant.key()) && n.kind().equals(OkrNudges.PROMPT))
                .map(n -> n.group() + "@" + n.at())).containsExactly("U-ANA@2027-03-04T08:30:00Z",
                "U-BO@2027-03-04T14:30:00Z");

        engine.onCommand(ana, "okr", "checkin KR-1 4 on track");
        Form edit = form(engine.onCommand(admin, "okr", "edit KR-1"));
        assertThat(edit.inputs()).extracting("id").doesNotContain("current");
        Map<String, String> values = new HashMap<>();
        edit.inputs().forEach(i -> values.put(i.id(), i.initial()));
        values.put("title", "Cut monthly churn to 3%");
        assertThat(confirmation(submit(admin, edit, values))).contains("Saved KR-1 Cut monthly churn to 3%");
        assertThat(kr("KR-1").getCurrent()).isEqualByComparingTo(new BigDecimal("4"));
        assertThat(checkIns.count(kr("KR-1"))).isEqualTo(1);
    }

    @Test
    void aRestartRebuildsTheTriggersAndCatchesUpOnAMissedPromptWithoutSendingItTwice() {
        stopNudges();
        clock.set(Instant.parse("2027-03-05T16:30:00Z"));

        okrNudges.rebuild();
        List<Nudge> fired = driver.fireDue();
        okrNudges.rebuild();
        driver.fireDue();

        assertThat(fired).extracting(n -> n.kind() + " " + n.group() + "@" + n.at())
                .contains(OkrNudges.PROMPT + " U-ANA@2027-03-05T14:00:00Z");
        await().until(() -> sentTo(ana).size() == 2);
        assertThat(sentTo(ana)).extracting(Message::summary).filteredOn(m -> m.startsWith("Time to check in"))
                .as("the prompt was sent once").hasSize(1);
        assertThat(driver.pending()).extracting(n -> n.kind() + " " + n.group() + "@" + n.at())
                .contains(OkrNudges.PROMPT + " U-ANA@2027-03-12T14:00:00Z", OkrNudges.PROMPT + " U-BO@2027-03-05T20:00:00Z",
                        OkrNudges.REMINDER + " U-ANA@2027-03-08T09:00:00Z", OkrNudges.DIGEST + " @2027-03-08T12:00:00Z");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private List<Message> sentTo(Invoker person) {
        return sentTo(new Destination.Direct(person.user()));
    }

    private List<Message> sentTo(Destination destination) {
        return slack.sent().stream().filter(s -> s.destination().equals(destination))
                .map(RecordingChatGateway.Sent::message).toList();
    }

    private List<Message> reminders(Invoker person) {
        return sentTo(person).stream().filter(m -> m.summary().startsWith("Reminder")).toList();
    }

    private String say(Invoker person, String text) {
        return text(engine.onMessage(person, text));
    }

    private SubmissionResult submit(Invoker who, Form form, Map<String, String> values) {
        return engine.onSubmit(new FormSubmission(who, form.formId(), values, form.state()));
    }

    static Form form(Response response) {
        assertThat(response).as("a form").isInstanceOf(Response.ShowForm.class);
        return ((Response.ShowForm) response).form();
    }

    static String confirmation(SubmissionResult result) {
        assertThat(result).as("accepted").isInstanceOf(SubmissionResult.Accepted.class);
        return body(((SubmissionResult.Accepted) result).confirmation());
    }

    static List<Button> buttons(Message message) {
        return message.blocks().stream().filter(b -> b instanceof Block.Actions)
                .flatMap(b -> ((Block.Actions) b).buttons().stream()).toList();
    }

    static String text(Response response) {
        assertThat(response).isInstanceOf(Response.Reply.class);
        return body(((Response.Reply) response).message());
    }

    static String body(Message message) {
        StringBuilder out = new StringBuilder();
        for (Block block : message.blocks()) {
            if (block instanceof Block.Section s) {
                out.append(s.text().plainText());
                s.fields().forEach(f -> out.append("\n").append(f.label()).append(": ").append(f.value().plainText()));
            } else if (block instanceof Block.Context c) {
                out.append(c.text().plainText());
            } else if (block instanceof Block.Header h) {
                out.append(h.text());
            }
            out.append("\n");
        }
        return out.toString().strip();
    }

    @SuppressWarnings("unused")
    private long dialogsOf(Invoker person) {
        return mongo.count(Query.query(Criteria.where("user").is(person.user())), Dialog.class);
    }
}
