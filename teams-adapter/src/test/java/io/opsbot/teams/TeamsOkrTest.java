package io.opsbot.teams;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsbot.core.okr.CheckIn;
import io.opsbot.core.okr.CheckInService;
import io.opsbot.core.okr.Confidence;
import io.opsbot.core.okr.KeyResult;
import io.opsbot.core.okr.KeyResultService;
import io.opsbot.core.okr.OkrNudges;
import io.opsbot.core.schedule.NudgeScheduler;
import io.opsbot.core.schedule.WeeklySchedule;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.core.testing.NudgeDriver;
import io.opsbot.teams.testing.FakeBotConnector.Recorded;
import io.opsbot.teams.testing.TeamsAdapterTest;
import io.opsbot.teams.testing.TeamsFixtures;
import io.opsbot.teams.testing.TeamsRequests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.opsbot.teams.testing.AdaptiveCards.buttons;
import static io.opsbot.teams.testing.AdaptiveCards.card;
import static io.opsbot.teams.testing.AdaptiveCards.data;
import static io.opsbot.teams.testing.AdaptiveCards.errorUnder;
import static io.opsbot.teams.testing.AdaptiveCards.input;
import static io.opsbot.teams.testing.AdaptiveCards.submitData;
import static io.opsbot.teams.testing.TeamsFixtures.CHANNEL;
import static io.opsbot.teams.testing.TeamsFixtures.MEGAN_29;
import static io.opsbot.teams.testing.TeamsFixtures.MEGAN_AAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * OKR check-ins end to end on Teams: set up with okr commands and form cards, the weekly prompt sent to the owner's
 * 1:1 chat at the fake Bot Connector, answers as message activities or the check-in card, the alert in the OKR
 * channel, the check-in in MongoDB.
 */
class TeamsOkrTest extends TeamsAdapterTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Autowired
    KeyResultService keyResults;
    @Autowired
    CheckInService checkIns;
    @Autowired
    NudgeDriver driver;
    @Autowired
    NudgeScheduler nudges;
    @Autowired
    MutableClock clock;

    private String personalChat;

    @BeforeEach
    void setUp() {
        personalChat = megan("message.personal.json").conversationId();
    }

    @AfterEach
    void stopNudges() {
        List.of(OkrNudges.PROMPT, OkrNudges.REMINDER, OkrNudges.DIGEST).forEach(k -> nudges.cancel(k, tenant.key()));
    }

    @Test
    void theOwnerIsPromptedInTheirChatAnswersByMessageAndTheDropIsPostedToTheChannel() {
        KeyResult kr = setUpKeyResult();

        driver.runUntil(nextFriday());

        Recorded prompt = await().until(() -> sentTo(personalChat).stream()
                .filter(r -> r.body().path("summary").asText().startsWith("Time to check in")).findFirst()
                .orElse(null), java.util.Objects::nonNull);
        assertThat(prompt.body().path("summary").asText()).isEqualTo("Time to check in on " + kr.reference()
                + ": Cut churn (now 5%)");
        JsonNode promptCard = card(prompt);
        assertThat(promptCard.toString()).contains("Weekly check-in: " + kr.reference()).contains("░░░░░░░░░░ 0%");
        JsonNode button = buttons(promptCard).get(0);
        assertThat(button.path("verb").asText()).isEqualTo("okr.checkin");
        assertThat(button.path("data").path("opsbot").path("value").asText()).isEqualTo(kr.getId());
        await().until(() -> sentTo(personalChat).stream().anyMatch(r -> r.body().path("text").asText()
                .contains("1/3")));

        assertThat(say("lots")).contains("is not a number").contains("Nothing was saved");
        assertThat(say("4.5")).contains("2/3 How confident");
        assertThat(say("off track")).contains("3/3 Anything to add?");
        assertThat(say("Two big accounts churned")).contains("Checked in").contains(kr.reference().toString())
                .contains("4.5%").contains("off track");

        Recorded alert = await().until(() -> sentTo(CHANNEL).stream()
                .filter(r -> r.body().path("summary").asText().startsWith("🔴")).findFirst().orElse(null),
                java.util.Objects::nonNull);
        assertThat(alert.body().path("summary").asText()).isEqualTo("🔴 " + kr.reference()
                + " is off track (was on track): Cut churn");
        assertThat(card(alert).toString()).contains("Two big accounts churned");
        KeyResult stored = keyResults.keyResult(tenant, kr.getId()).orElseThrow();
        assertThat(stored.getCurrent()).isEqualByComparingTo("4.5");
        assertThat(stored.getConfidence()).isEqualTo(Confidence.OFF_TRACK);
        assertThat(checkIns.history(stored, 5)).singleElement().satisfies(c -> {
            assertThat(c.getSource()).isEqualTo(CheckIn.Source.DIRECT_MESSAGE);
            assertThat(c.getBy().userId()).isEqualTo(MEGAN_AAD);
        });
    }

    @Test
    void theCheckInButtonPostsAPrefilledCardWhoseSubmitIsValidatedAndRecorded() {
        KeyResult kr = setUpKeyResult();
        driver.runUntil(nextFriday());
        await().until(() -> sentTo(personalChat).stream().anyMatch(r -> r.body().path("text").asText()
                .contains("1/3")));
        connector.clear();

        send(megan("message.value.messageBack.json").replyToId("1700000000555")
                .value(Map.of("opsbot", Map.of("action", "okr.checkin", "value", kr.getId()))));

        Recorded formCard = single(sent());
        JsonNode form = card(formCard);
        assertThat(form.toString()).contains("Check in " + kr.reference());
        assertThat(input(form, "value").path("value").asDouble()).isEqualTo(5.0);
        assertThat(input(form, "value").path("max").asInt()).isEqualTo(25);
        assertThat(input(form, "confidence").path("value").asText()).isEqualTo("ON_TRACK");
        connector.clear();

        send(megan("message.value.messageBack.json").replyToId("1700000000777")
                .value(submitData(formCard, Map.of("value", "60", "confidence", "AT_RISK"))));
        assertThat(errorUnder(card(single(updated())), "value")).isEqualTo("Enter a number from 0 to 25.");
        assertThat(checkIns.count(kr)).isZero();
        connector.clear();

        send(megan("message.value.messageBack.json").replyToId("1700000000777")
                .value(submitData(formCard, Map.of("value", "4.2", "confidence", "AT_RISK",
                        "comment", "Win-back campaign starts late"))));

        assertThat(card(single(updated())).toString()).contains("Checked in").contains("5% → 4.2%");
        KeyResult stored = keyResults.keyResult(tenant, kr.getId()).orElseThrow();
        assertThat(stored.getCurrent()).isEqualByComparingTo("4.2");
        assertThat(checkIns.history(stored, 5)).singleElement()
                .satisfies(c -> assertThat(c.getSource()).isEqualTo(CheckIn.Source.FORM));
        await().until(() -> sentTo(CHANNEL).stream().anyMatch(r -> r.body().path("summary").asText()
                .startsWith("🟡 " + kr.reference() + " dropped to at risk")));
        assertThat(say("help")).as("the DM questions were closed by the card").contains("Here is what I can do");

        assertThat(say("okr report growth")).doesNotContain("Not checked in");
    }

    @Test
    void remindersOffAndPromptsIgnoredInARowPauseTheOwnerUntilAskMeAgain() {
        setUpKeyResult();
        assertThat(say("okr reminders off")).contains("Reminder after the check-in prompt: off");
        assertThat(say("okr reminders pause-after 1"))
                .contains("Stops asking you after 1 unanswered check-ins in a row");
        Instant first = nextFriday();
        driver.runUntil(first);
        await().until(() -> prompts().size() == 1);

        // No reminder the week after; the next Friday finds last week unanswered and pauses Megan, once.
        driver.runUntil(first.plus(Duration.ofDays(7)).plusSeconds(60));
        Recorded paused = await().until(() -> sentTo(personalChat).stream().filter(r -> r.body().path("summary")
                .asText().startsWith("Stopped asking you to check in")).findFirst().orElse(null),
                java.util.Objects::nonNull);
        assertThat(card(paused).toString()).contains("1 prompts in a row");
        assertThat(sentTo(personalChat)).noneMatch(r -> r.body().path("summary").asText().startsWith("Reminder"));
        assertThat(prompts()).hasSize(1);
        assertThat(say("okr reminders")).contains("Paused now");

        // One click on Ask me again, and the Friday after asks again.
        JsonNode resume = buttons(card(paused)).get(0);
        assertThat(resume.path("title").asText()).isEqualTo("Ask me again");
        TeamsRequests.send(mvc, fixture("invoke.adaptiveCard_action.personal.json")
                .from(MEGAN_29, "Megan Bowen", MEGAN_AAD).conversationId(personalChat).replyToId(paused.responseId())
                .actionData(resume.path("verb").asText(), data(resume)));
        assertThat(say("okr reminders")).doesNotContain("Paused now");
        driver.runUntil(first.plus(Duration.ofDays(14)).plusSeconds(60));
        await().until(() -> prompts().size() == 2);
    }

    private List<Recorded> prompts() {
        return sentTo(personalChat).stream().filter(r -> r.body().path("summary").asText()
                .startsWith("Time to check in")).toList();
    }

    // ---- setup through the adapter ------------------------------------------------------------------------------

    /** Megan (admin and owner, in Berlin), an OKR channel, a cycle, an objective and a churn key result. */
    private KeyResult setUpKeyResult() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), BERLIN);
        assertThat(say("okr cycle E2E " + today.minusDays(1) + " " + today.plusDays(60))).contains("Cycle E2E runs");
        assertThat(say("timezone Europe/Berlin")).contains("Europe/Berlin");
        send(megan("message.channel.mention.json").text("<at>ridotest</at> okr channel here"));
        assertThat(sentTo(CHANNEL)).anySatisfy(r -> assertThat(r.body().path("text").asText())
                .contains("OKR alerts and the weekly digest will be posted in this channel"));
        connector.clear();

        send(megan("message.personal.json").text("okr objective"));
        Recorded objectiveForm = single(sent());
        String cycle = input(card(objectiveForm), "cycle").path("value").asText();
        assertThat(input(card(objectiveForm), "owner").path("style").asText())
                .as("a people picker valid at Adaptive Cards 1.5").isEqualTo("filtered");
        assertThat(input(card(objectiveForm), "owner").has("choices.data")).as("choices.data is 1.6").isFalse();
        connector.clear();
        send(megan("message.value.messageBack.json").value(submitData(objectiveForm, Map.of(
                "title", "Keep our customers", "owner", MEGAN_AAD, "team", "growth", "cycle", cycle))));
        assertThat(card(single(updated())).toString()).contains("Created").contains("O-1");
        connector.clear();

        send(megan("message.personal.json").text("okr kr O-1"));
        Recorded krForm = single(sent());
        String objective = input(card(krForm), "objective").path("value").asText();
        connector.clear();
        send(megan("message.value.messageBack.json").value(submitData(krForm, Map.of("objective", objective,
                "title", "Cut churn", "owner", MEGAN_AAD, "metric", "PERCENTAGE", "start", "5", "target", "3"))));
        assertThat(card(single(updated())).toString()).contains("Created").contains("KR-1");
        connector.clear();
        return keyResults.find(tenant, KeyResult.KIND.of(1)).orElseThrow();
    }

    private Instant nextFriday() {
        return new WeeklySchedule(Set.of(DayOfWeek.FRIDAY), LocalTime.of(15, 0)).next(clock.instant(), BERLIN);
    }

    /** A fixture from Megan (the personal chat's user), in this test's tenant at the fake connector. */
    private TeamsFixtures.Activity megan(String name) {
        return fixture(name).from(MEGAN_29, "Megan Bowen", MEGAN_AAD);
    }

    /** Megan writes in her 1:1 chat; returns the bot's text reply. */
    private String say(String text) {
        int before = sent().size();
        send(megan("message.personal.json").text(text));
        return sent().stream().skip(before).filter(r -> personalChat.equals(r.conversationId()))
                .map(r -> r.body().path("text").asText() + cardText(r)).reduce("", String::concat);
    }

    private static String cardText(Recorded r) {
        JsonNode attachments = r.body().path("attachments");
        return attachments.isArray() && !attachments.isEmpty() ? attachments.get(0).path("content").toString() : "";
    }
}
