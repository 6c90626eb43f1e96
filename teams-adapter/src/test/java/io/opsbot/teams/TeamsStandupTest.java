package io.opsbot.teams;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.schedule.Nudge;
import io.opsbot.core.schedule.NudgeScheduler;
import io.opsbot.core.standup.Attendance;
import io.opsbot.core.standup.AttendanceStatus;
import io.opsbot.core.standup.Standup;
import io.opsbot.core.standup.StandupNudges;
import io.opsbot.core.standup.StandupService;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.core.testing.NudgeDriver;
import io.opsbot.teams.people.TeamsPeopleDirectory;
import io.opsbot.teams.testing.FakeBotConnector;
import io.opsbot.teams.testing.FakeBotConnector.Recorded;
import io.opsbot.teams.testing.TeamsAdapterTest;
import io.opsbot.teams.testing.TeamsFixtures;
import io.opsbot.teams.testing.TeamsRequests;
import io.opsbot.teams.testing.TeamsTestApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.web.servlet.MvcResult;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.opsbot.teams.testing.AdaptiveCards.buttons;
import static io.opsbot.teams.testing.AdaptiveCards.card;
import static io.opsbot.teams.testing.AdaptiveCards.data;
import static io.opsbot.teams.testing.AdaptiveCards.input;
import static io.opsbot.teams.testing.AdaptiveCards.inputs;
import static io.opsbot.teams.testing.AdaptiveCards.submitData;
import static io.opsbot.teams.testing.AdaptiveCards.texts;
import static io.opsbot.teams.testing.TeamsFixtures.CHANNEL;
import static io.opsbot.teams.testing.TeamsFixtures.MEGAN_29;
import static io.opsbot.teams.testing.TeamsFixtures.MEGAN_AAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Async standups on Teams, end to end: real Teams activities in through {@code /api/messages}, everything the bot
 * sends out at a fake Bot Connector, Quartz nudges fired in order against a movable clock.
 *
 * <p>The cast: "rido" is the admin writing in a team channel ({@code message.channel.mention.json}); Megan Bowen
 * chats with the bot 1:1 ({@code message.personal.json}, her Teams client in America/Los_Angeles); Rick Stevens and
 * John Patterson are in the team's roster (Microsoft's documented roster answer) and have never talked to the bot.
 */
class TeamsStandupTest extends TeamsAdapterTest {

    static final String TEAM = "19:66P469zibfbsGI-_a0aN_toLTZpyzS6u7CT3TsXdgPw1@thread.tacv2";
    /** The reply chain the admin writes in; the bot answers there. */
    static final String ADMIN_THREAD = CHANNEL + ";messageid=1759881511856";
    static final String ADMIN_AAD = "b15a9416-0ad3-4172-9210-7beb711d3f70";
    static final String RICK_AAD = "6b7b3b2a-2c4b-4175-8582-41c9e685c1b5";
    static final String RICK_29 = "29:1URzNQM1x1PNMr1D7L5_lFe6qF6gEfAbkdG8_BUxOW2mTKryQqEZtBTqDt10-MghkzjYDuUj4KG6nvg5lFAyjOLiGJ4jzhb99WrnI7XKriCs";
    static final String JOHN_AAD = "76b0b09f-d410-48fd-993e-84da521a597b";
    static final String JOHN_29 = "29:1bSnHZ7Js2STWrgk6ScEErLk1Lp2zQuD5H2qQ960rtvstKp8tKLl-3r8b6DoW0QxZimuTxk_kupZ1DBMpvIQQUAZL-PNj0EORDvRZXy8kvWk";

    /** Wednesday 25 November 2026, before anyone's 09:00 (Berlin is UTC+1, New York UTC-5, Los Angeles UTC-8). */
    static final Instant WEDNESDAY_EARLY = Instant.parse("2026-11-25T06:00:00Z");

    @Autowired
    MutableClock clock;
    @Autowired
    NudgeDriver driver;
    @Autowired
    NudgeScheduler nudges;
    @Autowired
    StandupService standups;
    @Autowired
    StandupNudges scheduler;
    @Autowired
    ProfileService profiles;
    @Autowired
    TeamsPeopleDirectory directory;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    Outbox outbox;
    @Autowired
    Blockers blockers;
    @Autowired
    OkrCycleService cycles;
    @Autowired
    ObjectiveService objectives;
    @Autowired
    KeyResultService keyResults;

    private String meganChat;

    @BeforeEach
    void setUp() {
        clock.set(WEDNESDAY_EARLY);
        connector.roster(TEAM, FakeBotConnector.docsRoster(tenantId));
        meganChat = fixture("message.personal.json").conversationId();
    }

    /** This test's standups stop, their reminders and cutoffs still pending are dropped, the clock goes back. */
    @AfterEach
    void tearDown() {
        for (Standup standup : standups.inTenant(tenant)) {
            scheduler.unschedule(standup);
            nudges.pending().stream().filter(n -> n.subject().startsWith(standup.getId()))
                    .forEach(nudges::remove);
        }
        clock.set(TeamsTestApplication.START);
    }

    @Test
    void setUpInAChannelAskedAtNineInEachZoneAndTheDmAnswersBecomeAReportInTheSummaryThread() {
        send(megan("help"));
        send(megan("timezone America/New_York"));

        Recorded formCard = openStandupForm();
        JsonNode form = card(formCard);
        assertThat(input(form, "participants").path("choices").toString())
                .as("people who talked to the bot are offered by name")
                .contains("Megan Bowen").contains(MEGAN_AAD);
        assertThat(input(form, "participants").has("choices.data")).as("choices.data is Adaptive Cards 1.6").isFalse();
        assertThat(input(form, "channel").path("choices").toString()).contains(CHANNEL);
        submitStandupForm(formCard, Map.of("participants", MEGAN_AAD + "," + RICK_AAD, "zone_mode", "PARTICIPANT",
                "zone", "Europe/Berlin"), "2 participant(s)");

        // Rick never set a zone and his client never reported one: the standup's zone, 09:00 Berlin.
        List<Nudge> fired = driver.runUntil(Instant.parse("2026-11-25T08:01:00Z"));
        assertThat(fired).extracting(Nudge::kind, Nudge::group, Nudge::at)
                .containsExactly(tuple("standup", "Europe/Berlin", Instant.parse("2026-11-25T08:00:00Z")));
        Recorded created = await().until(this::createdConversations, c -> !c.isEmpty()).get(0);
        assertThat(created.body().path("isGroup").asBoolean(true)).isFalse();
        assertThat(created.body().path("tenantId").asText()).isEqualTo(tenantId);
        assertThat(created.body().path("members").get(0).path("id").asText())
                .as("Rick never talked to the bot: looked up in its team, his Teams user id is known")
                .isEqualTo(RICK_29);
        String rickChat = created.responseId();
        Recorded rickPrompt = awaitSent(rickChat, "Time for");
        assertThat(card(rickPrompt).toString()).contains("1/3").contains("What did you do since the last standup?");
        assertThat(buttons(card(rickPrompt))).extracting(b -> b.path("title").asText())
                .containsExactly("Answer in a form", "Skip today");
        Recorded summary = awaitSent(CHANNEL, "Daily standup");
        assertThat(summary.path()).as("a new post in the channel").endsWith("/v3/conversations/" + CHANNEL
                + "/activities");
        String summaryId = summary.responseId();

        driver.runUntil(Instant.parse("2026-11-25T09:01:00Z"));
        awaitSent(rickChat, "Reminder");

        // Megan chose New York herself, which wins over the Los Angeles her Teams client reports.
        fired = driver.runUntil(Instant.parse("2026-11-25T14:01:00Z"));
        assertThat(fired).extracting(Nudge::kind, Nudge::group, Nudge::at).containsExactly(
                tuple("standup-cutoff", "Europe/Berlin", Instant.parse("2026-11-25T12:00:00Z")),
                tuple("standup", "America/New_York", Instant.parse("2026-11-25T14:00:00Z")));
        Recorded meganPrompt = awaitSent(meganChat, "Time for");
        assertThat(meganPrompt.body().path("summary").asText()).startsWith("Time for Daily standup");
        assertThat(createdConversations()).as("Megan's 1:1 chat with the bot is reused").hasSize(1);

        assertThat(textOf(repliesTo(megan("Shipped the export fix")))).isEqualTo("**2/3** What will you do today?");
        assertThat(textOf(repliesTo(megan("Review the billing PR")))).isEqualTo("**3/3** Anything blocking you?");
        JsonNode thanks = card(single(repliesTo(megan("Waiting for API keys from IT"))));
        assertThat(thanks.toString()).contains("Thanks! Your update is posted for **Daily standup**");

        Recorded report = awaitSent(CHANNEL + ";messageid=" + summaryId, "is blocked");
        assertThat(report.body().path("summary").asText()).isEqualTo("🚧 Megan Bowen is blocked");
        assertThat(texts(card(report))).contains("**🚧 Anything blocking you?**\n\nWaiting for API keys from IT")
                .contains("**What will you do today?**\n\nReview the billing PR");
        awaitSummaryUpdate(summary, "1 of 2 answered");
        JsonNode updated = awaitSummary(summary, "1 of 2 answered");
        assertThat(texts(updated)).anyMatch(t -> t.startsWith("**🚧 Blockers**")
                && t.contains("Megan Bowen: Waiting for API keys from IT"));
        assertThat(texts(updated)).anyMatch(t -> t.contains("🔕 Rick Stevens _no answer_"));
        assertThat(attendance(MEGAN_AAD)).extracting(Attendance::getStatus).containsExactly(AttendanceStatus.ANSWERED);
        assertThat(attendance(RICK_AAD)).extracting(Attendance::getStatus).containsExactly(AttendanceStatus.MISSED);
    }

    @Test
    void answerInAFormOpensTheFormAndTheSameCardCannotBeSubmittedTwice() {
        send(megan("help"));
        submitStandupForm(Map.of("participants", MEGAN_AAD, "zone", "Europe/Berlin"), "1 participant(s)");
        driver.runUntil(Instant.parse("2026-11-25T08:01:00Z"));
        Recorded prompt = awaitSent(meganChat, "Time for");
        JsonNode answerButton = buttons(card(prompt)).get(0);
        assertThat(answerButton.path("type").asText()).isEqualTo("Action.Execute");

        MvcResult clicked = TeamsRequests.send(mvc, fixture("invoke.adaptiveCard_action.personal.json")
                .from(MEGAN_29, "Megan Bowen", MEGAN_AAD).conversationId(meganChat).replyToId(prompt.responseId())
                .actionData(answerButton.path("verb").asText(), data(answerButton)));

        assertThat(json(clicked).path("value").asText()).isEqualTo("Fill in the form below.");
        Recorded formCard = awaitSent(meganChat, "Input.Text");
        JsonNode form = card(formCard);
        assertThat(inputs(form)).extracting(i -> i.path("id").asText()).containsExactly("q0", "q1", "q2");
        assertThat(inputs(form)).allMatch(i -> i.path("isMultiline").asBoolean());
        assertThat(form.path("actions").get(0).path("title").asText()).isEqualTo("Post");

        TeamsFixtures.Activity submit = fixture("message.personal.json").without("text")
                .replyToId(formCard.responseId()).value(submitData(formCard, Map.of("q0", "Fixed the CSV export",
                        "q1", "Pair with Rick", "q2", "none")));
        send(submit);

        Recorded confirmation = await().until(() -> updatesOf(formCard.responseId()), u -> !u.isEmpty()).get(0);
        assertThat(confirmation.conversationId()).isEqualTo(meganChat);
        assertThat(card(confirmation).toString()).contains("Thanks! Your update is posted").doesNotContain("Input.");
        Recorded summary = awaitSent(CHANNEL, "Daily standup");
        Recorded report = awaitSent(CHANNEL + ";messageid=" + summary.responseId(), "standup update");
        assertThat(texts(card(report))).contains("**What did you do since the last standup?**\n\nFixed the CSV export");
        assertThat(report.body().path("summary").asText()).isEqualTo("Megan Bowen's standup update");
        awaitSummaryUpdate(summary, "1 of 1 answered");

        List<Recorded> before = sentTo(meganChat);
        send(submit.again());

        await().until(() -> sentTo(meganChat).size() > before.size());
        assertThat(sentTo(meganChat).get(before.size()).body().path("text").asText())
                .isEqualTo("This form was already submitted.");
        assertThat(sentTo(CHANNEL + ";messageid=" + summary.responseId())).as("one report").hasSize(1);
        assertThat(attendance(MEGAN_AAD).get(0).getAnswers())
                .containsExactly("Fixed the CSV export", "Pair with Rick", "none");
    }

    @Test
    void whoeverDoesNotAnswerGetsOneReminderAndAfterTheCutoffTheSummaryIsFinal() {
        send(megan("help"));
        submitStandupForm(Map.of("participants", MEGAN_AAD + "," + RICK_AAD, "zone", "Europe/Berlin"),
                "2 participant(s)");
        driver.runUntil(Instant.parse("2026-11-25T08:01:00Z"));
        String rickChat = await().until(this::createdConversations, c -> !c.isEmpty()).get(0).responseId();
        awaitSent(meganChat, "Time for");
        awaitSent(rickChat, "Time for");
        send(megan("Release notes"));
        send(megan("Demo prep"));
        send(megan("nothing"));

        driver.runUntil(Instant.parse("2026-11-25T09:01:00Z"));
        Recorded reminder = awaitSent(rickChat, "Reminder");
        assertThat(reminder.body().path("summary").asText()).isEqualTo("Reminder: Daily standup closes soon");
        assertThat(card(reminder).toString()).contains("closes at **13:00 Europe/Berlin**");
        List<Nudge> fired = driver.runUntil(Instant.parse("2026-11-25T12:01:00Z"));
        assertThat(fired).extracting(Nudge::kind).containsExactly("standup-cutoff");

        Recorded summary = awaitSent(CHANNEL, "Daily standup");
        JsonNode last = awaitSummary(summary, "Final: the answer windows have closed.");
        assertThat(texts(last)).anyMatch(t -> t.startsWith("**1 of 2 answered**"));
        assertThat(texts(last)).anyMatch(t -> t.contains("✅ Megan Bowen _answered_")
                && t.contains("🔕 Rick Stevens _no answer_"));
        assertThat(texts(last)).noneMatch(t -> t.contains("Blockers"));
        assertThat(sentTo(rickChat)).filteredOn(r -> summaryOf(r).startsWith("Reminder")).hasSize(1);
        assertThat(sentTo(meganChat)).as("Megan answered: no reminder")
                .noneMatch(r -> summaryOf(r).startsWith("Reminder"));
    }

    @Test
    void standupSkipBeforeThePromptMeansNoPromptThatDayOnly() {
        send(megan("help"));
        submitStandupForm(Map.of("participants", MEGAN_AAD + "," + RICK_AAD, "zone", "Europe/Berlin"),
                "2 participant(s)");

        String skipped = textOf(repliesTo(megan("standup skip")));

        assertThat(skipped).isEqualTo("OK, you skip Daily standup today (Wed 25 Nov 2026).");
        driver.runUntil(Instant.parse("2026-11-25T08:01:00Z"));
        String rickChat = await().until(this::createdConversations, c -> !c.isEmpty()).get(0).responseId();
        awaitSent(rickChat, "Time for");
        Recorded summary = awaitSent(CHANNEL, "Daily standup");
        JsonNode latest = awaitSummary(summary, "skipped today");
        assertThat(texts(latest)).anyMatch(t -> t.startsWith("**0 of 1 answered**"));
        assertThat(sentTo(meganChat)).noneMatch(r -> summaryOf(r).startsWith("Time for"));
        assertThat(attendance(MEGAN_AAD)).extracting(Attendance::getStatus)
                .containsExactly(AttendanceStatus.SKIPPED);

        driver.runUntil(Instant.parse("2026-11-26T08:01:00Z"));
        awaitSent(meganChat, "Time for");
        assertThat(attendance(MEGAN_AAD)).extracting(Attendance::getStatus)
                .containsExactly(AttendanceStatus.SKIPPED, AttendanceStatus.PROMPTED);
    }

    @Test
    void everyoneInThisChannelAreThePeopleOfTheTeamRoster() {
        send(megan("help"));

        submitStandupForm(Map.of("members_of", CHANNEL, "zone_mode", "PARTICIPANT", "zone", "Europe/Berlin"),
                "3 participant(s)");

        assertThat(rosterReads()).isNotEmpty().allMatch(r -> r.path().equals("/" + tenantId + "/v3/conversations/"
                + TEAM + "/members"));
        List<Nudge> fired = driver.runUntil(Instant.parse("2026-11-25T08:01:00Z"));
        assertThat(fired).extracting(Nudge::group).containsExactly("Europe/Berlin");
        await().until(() -> createdConversations().size() == 2);
        assertThat(createdConversations()).extracting(c -> c.body().path("members").get(0).path("id").asText())
                .as("1:1 chats are created with the Teams user ids the roster gave")
                .containsExactlyInAnyOrder(JOHN_29, RICK_29);
        for (Recorded created : createdConversations()) {
            awaitSent(created.responseId(), "Time for");
        }

        // Megan set no zone; her Teams client reports Los Angeles: 09:00 there.
        fired = driver.runUntil(Instant.parse("2026-11-25T17:01:00Z"));
        assertThat(fired).extracting(Nudge::kind, Nudge::group, Nudge::at).contains(
                tuple("standup", "America/Los_Angeles", Instant.parse("2026-11-25T17:00:00Z")));
        awaitSent(meganChat, "Time for");
        Recorded summary = awaitSent(CHANNEL, "Daily standup");
        JsonNode latest = awaitSummary(summary, "Megan Bowen");
        assertThat(String.join("\n", texts(latest))).contains("John Patterson").contains("Rick Stevens")
                .doesNotContain("Anon1");
        assertThat(attendance(JOHN_AAD)).hasSize(1);
    }

    @Test
    void theDirectoryListsPeopleOnlyKeepsTheRosterAndAnswersEmptyWhenTheBotIsNotThere() {
        send(megan("help"));
        send(admin("help"));
        Destination.Channel channel = new Destination.Channel(tenant, CHANNEL);

        assertThat(directory.members(channel)).extracting(UserRef::userId)
                .as("the anonymous guest has no Entra id; objectId and aadObjectId both count")
                .containsExactly(JOHN_AAD, RICK_AAD, MEGAN_AAD);
        assertThat(directory.displayName(new UserRef(tenant, RICK_AAD))).contains("Rick Stevens");
        UserRef stranger = new UserRef(tenant, "c5e99701-2a32-49c1-a660-4629ceeb8c61");
        assertThat(directory.displayName(stranger)).as("in none of the bot's teams").isEmpty();
        assertThat(directory.displayName(stranger)).isEmpty();
        assertThat(connector.requests()).filteredOn(this::mine)
                .filteredOn(r -> r.path().endsWith("/members/" + stranger.userId()))
                .as("looked up once, then not again that day").hasSize(1);
        assertThat(directory.members(channel)).hasSize(3);
        assertThat(rosterReads()).as("a fresh roster is not read again").hasSize(1);

        clock.set(WEDNESDAY_EARLY.plus(Duration.ofMinutes(11)));
        connector.failRoster(TEAM, 500);
        assertThat(directory.members(channel)).as("a passing failure: the roster read before").hasSize(3);
        connector.failRoster(TEAM, 403);
        assertThat(directory.members(channel)).as("removed from the team").isEmpty();
        assertThat(directory.members(new Destination.Channel(tenant, "19:unknown@thread.tacv2"))).isEmpty();

        UserRef megan = new UserRef(tenant, MEGAN_AAD);
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        assertThat(directory.zone(megan)).contains(ZoneId.of("America/Los_Angeles"));
        assertThat(profiles.zone(megan, berlin)).isEqualTo(ZoneId.of("America/Los_Angeles"));
        send(megan("timezone Europe/Lisbon"));
        assertThat(profiles.zone(megan, berlin)).as("what she chose wins").isEqualTo(ZoneId.of("Europe/Lisbon"));
        assertThat(profiles.zone(new UserRef(tenant, JOHN_AAD), berlin)).as("nothing known: the fallback")
                .isEqualTo(berlin);
    }

    @Test
    void timeOffAndCompanyHolidaysUnderOpsbotMeanNoPromptOnTeams() {
        send(megan("help"));
        assertThat(single(repliesTo(megan("opsbot ooo 2026-11-25"))).text()).contains("from 2026-11-25 to 2026-11-25");
        assertThat(single(repliesTo(megan("opsbot ooo"))).text()).contains("Your time off: 2026-11-25");
        submitStandupForm(Map.of("participants", MEGAN_AAD + "," + RICK_AAD, "zone", "Europe/Berlin"),
                "2 participant(s)");
        assertThat(single(repliesTo(admin("opsbot holiday add 2026-11-26"))).text())
                .contains("Company holidays: 2026-11-26");

        driver.runUntil(Instant.parse("2026-11-25T08:01:00Z"));
        String rickChat = await().until(this::createdConversations, c -> !c.isEmpty()).get(0).responseId();
        awaitSent(rickChat, "Time for");
        Recorded summary = awaitSent(CHANNEL, "Daily standup");
        assertThat(texts(awaitSummary(summary, "out of office"))).anyMatch(t -> t.contains("Megan Bowen"));
        assertThat(sentTo(meganChat)).noneMatch(r -> r.text().contains("Time for"));

        // Thursday is the company's holiday: nobody is asked.
        driver.runUntil(Instant.parse("2026-11-26T20:00:00Z"));
        assertThat(sent()).filteredOn(r -> r.text().contains("Time for")).hasSize(1);
    }

    // ---- the standup form ---------------------------------------------------------------------------------------

    /** The admin mentions the bot with {@code standup} in the channel; the form arrives in that reply chain. */
    @Test
    void aBlockerNamingAKeyResultReachesItsOwnerInANewChatCarriesOverAndOnlyItsAuthorResolvesIt() {
        send(megan("help"));
        submitStandupForm(Map.of("participants", MEGAN_AAD, "zone", "Europe/Berlin"), "1 participant(s)");
        Actor admin = Actor.inChat(new UserRef(tenant, ADMIN_AAD), "rido");
        UserRef rick = new UserRef(tenant, RICK_AAD);
        OkrCycle cycle = cycles.startCycle(admin, "BLK", LocalDate.parse("2026-11-01"), LocalDate.parse("2027-01-31"));
        Objective objective = objectives.create(admin, new ObjectiveDraft(cycle.getId(), "Ship exports", rick, null,
                null));
        KeyResult kr = keyResults.create(admin, new KeyResultDraft(objective.getId(), "Exports self-serve", rick,
                MetricType.PERCENTAGE, BigDecimal.ZERO, BigDecimal.valueOf(100), null, null, null));
        String standupId = standups.inTenant(tenant).get(0).getId();

        driver.runUntil(Instant.parse("2026-11-25T08:01:00Z"));
        awaitSent(meganChat, "Time for");
        send(megan("Release notes"));
        send(megan("Demo prep"));
        send(megan("Waiting on infra, " + kr.reference() + " <b>now</b>"));

        // Rick never talked to the bot: a 1:1 chat is created for him, where he hears of it once.
        String rickChat = await().until(this::createdConversations, c -> !c.isEmpty()).get(0).responseId();
        Recorded told = awaitSent(rickChat, "is blocked on");
        Blocker blocker = blockers.openOf(new UserRef(tenant, MEGAN_AAD), standupId).get(0);
        assertThat(summaryOf(told)).isEqualTo("🚧 Megan Bowen is blocked on " + kr.reference() + " ("
                + blocker.reference() + ")");
        assertThat(String.join("\n", texts(card(told)))).contains("Waiting on infra").doesNotContain("<b>");
        assertThat(blocker.getKeyResultId()).isEqualTo(kr.getId());
        assertThat(textOf(repliesTo(megan("okr show " + kr.reference())))).isEmpty();
        assertThat(sentTo(meganChat).get(sentTo(meganChat).size() - 1).text()).contains("Open blockers (1)")
                .contains(blocker.reference().toString());

        // Thursday: reminded before the questions; the summary carries it over on its second day.
        driver.runUntil(Instant.parse("2026-11-26T08:01:00Z"));
        Recorded still = awaitSent(meganChat, "Still blocked by");
        Recorded prompt = await().until(() -> sentTo(meganChat).stream().filter(r -> r.text().contains("Time for")
                && r.text().contains("Thu 26 Nov")).findFirst(), Optional::isPresent).orElseThrow();
        assertThat(sentTo(meganChat).indexOf(still)).isLessThan(sentTo(meganChat).indexOf(prompt));
        assertThat(String.join("\n", texts(card(still)))).contains("day 2");
        Recorded thursday = await().until(() -> sentTo(CHANNEL).stream().filter(r -> r.text().contains("Thu 26 Nov"))
                .findFirst(), Optional::isPresent).orElseThrow();
        awaitSummary(thursday, "Still open from earlier days");
        assertThat(String.join("\n", texts(latestVersion(thursday)))).contains("day 2");

        // Rick's click changes nothing; Megan's resolves it.
        JsonNode resolve = buttons(card(still)).get(0);
        assertThat(resolve.path("title").asText()).isEqualTo("Resolved " + blocker.reference());
        TeamsRequests.send(mvc, fixture("invoke.adaptiveCard_action.personal.json")
                .from(RICK_29, "Rick Stevens", RICK_AAD).conversationId(rickChat).replyToId(still.responseId())
                .actionData(resolve.path("verb").asText(), data(resolve)));
        assertThat(blockers.openOf(new UserRef(tenant, MEGAN_AAD), standupId)).hasSize(1);
        TeamsRequests.send(mvc, fixture("invoke.adaptiveCard_action.personal.json")
                .from(MEGAN_29, "Megan Bowen", MEGAN_AAD).conversationId(meganChat).replyToId(still.responseId())
                .actionData(resolve.path("verb").asText(), data(resolve)));
        await().until(() -> blockers.openOf(new UserRef(tenant, MEGAN_AAD), standupId).isEmpty());
        assertThat(blockers.openOn(tenant, kr.getId())).isEmpty();
        awaitSummary(thursday, "answered");
        await().atMost(Duration.ofSeconds(10)).until(() -> !delivered(() -> String.join("\n",
                texts(latestVersion(thursday)))).contains("Still open from earlier days"));
        assertThat(sentTo(rickChat)).filteredOn(r -> summaryOf(r).contains("is blocked")).hasSize(1);
    }

    private Recorded openStandupForm() {
        Recorded form = single(repliesTo(admin("standup new")));
        assertThat(form.conversationId()).isEqualTo(ADMIN_THREAD);
        return form;
    }

    private void submitStandupForm(Map<String, String> changes, String participants) {
        submitStandupForm(openStandupForm(), changes, participants);
    }

    /**
     * Submits the standup form the way Teams does for an Action.Submit: the button's data merged with every input's
     * value (what the card shows unless the test changes it), as a message activity replying to the card.
     */
    private void submitStandupForm(Recorded form, Map<String, String> changes, String participants) {
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode input : inputs(card(form))) {
            values.put(input.path("id").asText(), input.path("value").asText(""));
        }
        values.put("channel", CHANNEL);
        values.putAll(changes);
        send(fixture("message.channel.mention.json").without("text").without("attachments")
                .value(submitData(form, values)).replyToId(form.responseId()));

        Recorded confirmation = single(updatesOf(form.responseId()));
        assertThat(confirmation.conversationId()).isEqualTo(ADMIN_THREAD);
        assertThat(String.join("\n", texts(card(confirmation))))
                .contains("**Daily standup** is set up: Mon-Fri at 09:00").contains(participants);
        assertThat(standups.inTenant(tenant)).hasSize(1);
    }

    // ---- activities in --------------------------------------------------------------------------------------------

    private TeamsFixtures.Activity megan(String text) {
        return fixture("message.personal.json").text(text);
    }

    private TeamsFixtures.Activity admin(String text) {
        return fixture("message.channel.mention.json").text("<at>ridotest</at> " + text);
    }

    /** Posts the activity and returns what the bot sent into that conversation while answering it. */
    private List<Recorded> repliesTo(TeamsFixtures.Activity activity) {
        String conversation = activity.conversationId();
        int before = sentTo(conversation).size();
        send(activity);
        List<Recorded> now = sentTo(conversation);
        return new ArrayList<>(now.subList(before, now.size()));
    }

    // ---- what the fake connector received -------------------------------------------------------------------------

    private List<Recorded> updatesOf(String activityId) {
        return updated().stream().filter(r -> r.path().endsWith("/activities/" + activityId)).toList();
    }

    private List<Recorded> rosterReads() {
        return connector.rosterReads().stream().filter(this::mine).toList();
    }

    /** The first activity sent into the conversation whose JSON contains the text, once it is there. */
    private Recorded awaitSent(String conversationId, String contains) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> delivered(() -> sentTo(conversationId).stream()
                .filter(r -> r.text().contains(contains)).findFirst()), Optional::isPresent).orElseThrow();
    }

    /**
     * Reads after letting the outbox retry what is due, as its Quartz job does every 30 seconds in production (Quartz
     * is stopped in tests): an edit made while the previous edit of the same message was in flight waits for that.
     */
    private <T> T delivered(java.util.function.Supplier<T> read) {
        outbox.retryDue();
        return read.get();
    }

    /**
     * The summary as it reads now (its latest update, else as posted), once that contains the text. An update made
     * before the post went out is sent with the post itself, so there is not always an update.
     */
    private JsonNode awaitSummary(Recorded summary, String contains) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> delivered(() -> String.join("\n", texts(latestVersion(summary)))).contains(contains));
        return latestVersion(summary);
    }

    private JsonNode latestVersion(Recorded summary) {
        List<Recorded> updates = updatesOf(summary.responseId());
        return card(updates.isEmpty() ? summary : updates.get(updates.size() - 1));
    }

    /** The summary was edited in place (PUT) to a version containing the text. */
    private void awaitSummaryUpdate(Recorded summary, String contains) {
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered(() -> updatesOf(summary.responseId())).stream()
                .anyMatch(u -> u.conversationId().equals(CHANNEL)
                        && String.join("\n", texts(card(u))).contains(contains)));
    }

    private List<Attendance> attendance(String aadObjectId) {
        return mongo.find(Query.query(Criteria.where("user").is(new UserRef(tenant, aadObjectId)))
                .with(org.springframework.data.domain.Sort.by("promptAt")), Attendance.class);
    }

    // ---- activity and card JSON ---------------------------------------------------------------------------------

    private static String textOf(List<Recorded> replies) {
        return single(replies).body().path("text").asText();
    }

    private static String summaryOf(Recorded activity) {
        return activity.body().path("summary").asText(activity.body().path("text").asText());
    }
}
