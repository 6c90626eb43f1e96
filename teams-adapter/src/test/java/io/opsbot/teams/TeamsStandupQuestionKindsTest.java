package io.opsbot.teams;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsbot.core.delivery.Outbox;
import io.opsbot.core.schedule.NudgeScheduler;
import io.opsbot.core.standup.Attendance;
import io.opsbot.core.standup.Standup;
import io.opsbot.core.standup.StandupNudges;
import io.opsbot.core.standup.StandupService;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.core.testing.NudgeDriver;
import io.opsbot.core.testing.StandupQuestions;
import io.opsbot.teams.testing.FakeBotConnector.Recorded;
import io.opsbot.teams.testing.TeamsAdapterTest;
import io.opsbot.teams.testing.TeamsFixtures;
import io.opsbot.teams.testing.TeamsTestApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.opsbot.teams.testing.AdaptiveCards.buttons;
import static io.opsbot.teams.testing.AdaptiveCards.card;
import static io.opsbot.teams.testing.AdaptiveCards.data;
import static io.opsbot.teams.testing.AdaptiveCards.errorUnder;
import static io.opsbot.teams.testing.AdaptiveCards.input;
import static io.opsbot.teams.testing.AdaptiveCards.inputs;
import static io.opsbot.teams.testing.AdaptiveCards.submitData;
import static io.opsbot.teams.testing.AdaptiveCards.texts;
import static io.opsbot.teams.testing.TeamsFixtures.CHANNEL;
import static io.opsbot.teams.testing.TeamsFixtures.MEGAN_29;
import static io.opsbot.teams.testing.TeamsFixtures.MEGAN_AAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Typed, optional and conditional standup questions on Teams: declared in the set-up card (bad syntax shown under the
 * input), answered in an Adaptive Card of Input.ChoiceSet (expanded, compact, multi-select) and Input.Number, and in
 * the 1:1 chat (a wrong answer is asked again with the options), the report posted in the summary's reply chain.
 */
class TeamsStandupQuestionKindsTest extends TeamsAdapterTest {

    static final String ADMIN_THREAD = CHANNEL + ";messageid=1759881511856";
    static final Instant WEDNESDAY_EARLY = Instant.parse("2026-11-25T06:00:00Z");
    static final String QUESTIONS = StandupQuestions.EVERY_KIND;

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
    MongoTemplate mongo;
    @Autowired
    Outbox outbox;

    private String meganChat;

    @BeforeEach
    void setUp() {
        clock.set(WEDNESDAY_EARLY);
        meganChat = fixture("message.personal.json").conversationId();
    }

    @AfterEach
    void tearDown() {
        for (Standup standup : standups.inTenant(tenant)) {
            scheduler.unschedule(standup);
            nudges.pending().stream().filter(n -> n.subject().startsWith(standup.getId())).forEach(nudges::remove);
        }
        clock.set(TeamsTestApplication.START);
    }

    /** The admin's set-up card submitted with these questions; returns the card as it reads after. */
    private JsonNode setUp(String questions) {
        send(megan("help"));
        int before = sentTo(ADMIN_THREAD).size();
        send(fixture("message.channel.mention.json").text("<at>ridotest</at> standup new"));
        Recorded form = sentTo(ADMIN_THREAD).get(before);
        assertThat(String.join("\n", texts(card(form)))).contains("yes/no").contains("(optional)");
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode input : inputs(card(form))) {
            values.put(input.path("id").asText(), input.path("value").asText(""));
        }
        values.put("channel", CHANNEL);
        values.put("name", "Kinds standup");
        values.put("participants", MEGAN_AAD);
        values.put("zone", "Europe/Berlin");
        values.put("questions", questions);
        send(fixture("message.channel.mention.json").without("text").without("attachments")
                .value(submitData(form, values)).replyToId(form.responseId()));
        return card(single(updatedOf(form.responseId())));
    }

    private TeamsFixtures.Activity megan(String text) {
        return fixture("message.personal.json").text(text);
    }

    private List<Recorded> updatedOf(String activityId) {
        return updated().stream().filter(r -> r.path().endsWith("/activities/" + activityId)).toList();
    }

    private Recorded awaitSent(String conversationId, String contains) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> {
            outbox.retryDue();
            return sentTo(conversationId).stream().filter(r -> r.text().contains(contains)).findFirst();
        }, Optional::isPresent).orElseThrow();
    }

    private List<String> answers() {
        return mongo.find(Query.query(Criteria.where("user").is(new UserRef(tenant, MEGAN_AAD))), Attendance.class)
                .get(0).getAnswers();
    }

    @Test
    void badSyntaxIsShownUnderTheQuestionsInput() {
        JsonNode rejected = setUp("Blocked? [yes/no]\nWhy? [if Blocked? = perhaps]");

        assertThat(errorUnder(rejected, "questions"))
                .isEqualTo("Line 2: \"perhaps\" is not an answer to \"Blocked?\"; use one of yes, no.");
        assertThat(standups.inTenant(tenant)).isEmpty();
    }

    @Test
    void typedQuestionsAreAnsweredInAnAdaptiveCardAndSummarised() {
        assertThat(String.join("\n", texts(setUp(QUESTIONS)))).contains("is set up");
        driver.runUntil(Instant.parse("2026-11-25T08:01:00Z"));
        Recorded prompt = awaitSent(meganChat, "Time for");
        JsonNode answerButton = buttons(card(prompt)).get(0);
        send(fixture("invoke.adaptiveCard_action.personal.json").from(MEGAN_29, "Megan Bowen", MEGAN_AAD)
                .conversationId(meganChat).replyToId(prompt.responseId())
                .actionData(answerButton.path("verb").asText(), data(answerButton)));
        Recorded formCard = awaitSent(meganChat, "Input.ChoiceSet");
        JsonNode form = card(formCard);

        assertThat(input(form, "q0").path("type").asText()).isEqualTo("Input.ChoiceSet");
        assertThat(input(form, "q0").path("style").asText()).isEqualTo("expanded");
        assertThat(input(form, "q0").path("isRequired").asBoolean()).isTrue();
        assertThat(input(form, "q1").path("type").asText()).isEqualTo("Input.Text");
        assertThat(input(form, "q1").has("isRequired")).isFalse();
        assertThat(texts(form)).contains("Only if Blocked? = Yes; otherwise leave it empty.");
        assertThat(input(form, "q2").path("style").asText()).isEqualTo("compact");
        assertThat(input(form, "q2").path("choices").findValuesAsText("value")).containsExactly("API", "Web",
                "Mobile");
        assertThat(input(form, "q3").path("isMultiSelect").asBoolean()).isTrue();
        assertThat(input(form, "q4").path("choices").findValuesAsText("value")).containsExactly("1", "2", "3", "4",
                "5");
        assertThat(input(form, "q5").path("type").asText()).isEqualTo("Input.Number");

        // Blocked = yes but nothing said about it: the card comes back with the reason under that input.
        Map<String, String> values = new LinkedHashMap<>(Map.of("q0", "yes", "q1", "", "q2", "Mobile",
                "q3", "Web,API", "q4", "2", "q5", "7.25", "q6", ""));
        send(fixture("message.personal.json").without("text").replyToId(formCard.responseId())
                .value(submitData(formCard, values)));
        Recorded rejected = await().until(() -> updatedOf(formCard.responseId()), u -> !u.isEmpty()).get(0);
        assertThat(errorUnder(card(rejected), "q1")).isEqualTo("Please answer this: Blocked? is yes.");

        values.put("q1", "Waiting for <at>IT</at> keys");
        send(fixture("message.personal.json").without("text").replyToId(formCard.responseId())
                .value(submitData(rejected, values)));
        await().until(() -> updatedOf(formCard.responseId()).size() > 1);
        assertThat(String.join("\n", texts(card(updatedOf(formCard.responseId()).get(1)))))
                .contains("Thanks! Your update is posted");
        assertThat(answers()).containsExactly("yes", "Waiting for <at>IT</at> keys", "Mobile", "API, Web", "2",
                "7.25", "");

        Recorded summary = awaitSent(CHANNEL, "Kinds");
        Recorded report = awaitSent(CHANNEL + ";messageid=" + summary.responseId(), "is blocked");
        String reportText = card(report).toString();
        assertThat(reportText).contains("Waiting for").contains("API, Web").contains("2/5")
                .as("a number reads as itself; Teams markdown gets its dot escaped").contains("7\\\\.25")
                .contains("Mobile").doesNotContain("<at>IT</at>").doesNotContain("Notes");
    }

    @Test
    void theChatAsksAgainWithTheOptionsAndSkipsWhatDoesNotApply() {
        setUp(QUESTIONS);
        driver.runUntil(Instant.parse("2026-11-25T08:01:00Z"));
        awaitSent(meganChat, "Time for");

        send(megan("perhaps"));
        awaitSent(meganChat, "Answer yes or no.");
        send(megan("no"));
        awaitSent(meganChat, "1. API, 2. Web, 3. Mobile");
        for (String answer : List.of("3", "web, docs", "5", "2", "skip")) {
            send(megan(answer));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> answers().size() == 7);
        assertThat(answers()).containsExactly("no", "", "Mobile", "Web, Docs", "5", "2", "");
        Recorded summary = awaitSent(CHANNEL, "Kinds");
        Recorded report = awaitSent(CHANNEL + ";messageid=" + summary.responseId(), "standup update");
        assertThat(card(report).toString()).contains("5/5").contains("Web, Docs").doesNotContain("What blocks you?");
    }
}
