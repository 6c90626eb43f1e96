package io.opsbot.slack.standup;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.core.testing.NudgeDriver;
import io.opsbot.core.testing.StandupQuestions;
import io.opsbot.slack.testing.FakeSlackApi;
import io.opsbot.slack.testing.SlackAdapterTest;
import io.opsbot.slack.testing.ViewSubmission;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Typed, optional and conditional standup questions on Slack: declared in the set-up modal's questions text (bad
 * syntax refused under the input), answered in a modal of radio buttons, a static select, checkboxes and a number
 * input, and in the DM (a wrong answer is asked again with the options), summarised in the channel.
 */
class SlackStandupQuestionKindsTest extends SlackAdapterTest {

    // Monday 30 November 2026.
    static final Instant MONDAY = Instant.parse("2026-11-30T00:00:00Z");
    static final String QUESTIONS = StandupQuestions.EVERY_KIND;

    @Autowired
    MutableClock clock;
    @Autowired
    NudgeDriver driver;

    private String name;
    private String ana;
    private String bo;

    @BeforeEach
    void people() {
        clock.set(MONDAY);
        if (name == null) {
            String suffix = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
            name = "Kinds " + suffix;
            ana = "U0ANA" + suffix;
            bo = "U0BO" + suffix;
        }
        SLACK.user(ana, "Ana", "Europe/Berlin", false);
        SLACK.user(bo, "Bo", "Europe/Berlin", false);
        SLACK.user("U0ADMIN", "Ada Admin", "Europe/London", false);
    }

    private HttpResponse<String> setUp(String questions) {
        int before = SLACK.calls("views.open").size();
        assertThat(slashCommand("/standup", "new", "C0ADMIN", "U0ADMIN", "standup").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> SLACK.calls("views.open").size() > before);
        JsonObject view = SLACK.calls("views.open").get(before).jsonParam("view").getAsJsonObject();
        assertThat(block(view, "questions").getAsJsonObject("hint").get("text").getAsString())
                .contains("Blocked? [yes/no]").contains("[choice: API, Web]").contains("(optional)");
        return slack.interaction(ViewSubmission.of("standup.edit").user("U0ADMIN")
                .privateMetadata(view.get("private_metadata").getAsString())
                .plainTextInput("name", name)
                .conversationsSelect("channel", "C0KINDS")
                .multiUsersSelect("participants", ana, bo)
                .checkboxes("days", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")
                .timepicker("time", "09:00")
                .staticSelect("zone_mode", "TEAM")
                .plainTextInput("zone", "Europe/Berlin")
                .plainTextInput("questions", questions)
                .numberInput("reminder", "60")
                .numberInput("cutoff", "4")
                .json());
    }

    private static JsonObject block(JsonObject view, String id) {
        return view.getAsJsonArray("blocks").asList().stream().map(JsonElement::getAsJsonObject)
                .filter(b -> b.has("block_id") && id.equals(b.get("block_id").getAsString())).findFirst()
                .orElseThrow();
    }

    /** A DM reply's text and blocks (a one-section reply goes as text alone). */
    private static String said(FakeSlackApi.Call call) {
        return call.param("text") + " " + call.param("blocks");
    }

    private JsonObject openAnswerForm(String user) {
        int before = SLACK.calls("views.open").size();
        assertThat(slashCommand("/standup", "answer " + name, "D" + user, user, "answer").statusCode())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> SLACK.calls("views.open").size() > before);
        return SLACK.calls("views.open").get(before).jsonParam("view").getAsJsonObject();
    }

    @Test
    void badSyntaxIsShownUnderTheQuestionsInput() {
        HttpResponse<String> refused = setUp("Blocked? [yes/no]\nArea [choice: API]");

        JsonObject body = JsonParser.parseString(refused.body()).getAsJsonObject();
        assertThat(body.get("response_action").getAsString()).isEqualTo("errors");
        assertThat(body.getAsJsonObject("errors").get("questions").getAsString())
                .startsWith("Line 2: list between 2 and 10 options");
    }

    @Test
    void typedQuestionsAreAnsweredInTheModalAndTheDmAndSummarised() {
        assertThat(setUp(QUESTIONS).body()).doesNotContain("errors");
        driver.runUntil(Instant.parse("2026-11-30T08:01:00Z"));
        SLACK.awaitCall("chat.postMessage", c -> ana.equals(c.param("channel")));
        FakeSlackApi.Call summary = SLACK.awaitCall("chat.postMessage", c -> "C0KINDS".equals(c.param("channel"))
                && c.param("thread_ts") == null);
        String summaryTs = summary.response().get("ts").getAsString();

        // The modal: each kind as its Block Kit element; the conditional one optional, with its condition.
        JsonObject view = openAnswerForm(ana);
        Map<String, String> elements = view.getAsJsonArray("blocks").asList().stream()
                .map(JsonElement::getAsJsonObject).filter(b -> b.has("element"))
                .collect(Collectors.toMap(b -> b.get("block_id").getAsString(),
                        b -> b.getAsJsonObject("element").get("type").getAsString()));
        assertThat(elements).containsEntry("q0", "radio_buttons").containsEntry("q1", "plain_text_input")
                .containsEntry("q2", "static_select").containsEntry("q3", "checkboxes")
                .containsEntry("q4", "radio_buttons").containsEntry("q5", "number_input")
                .containsEntry("q6", "plain_text_input");
        assertThat(block(view, "q0").get("optional").getAsBoolean()).isFalse();
        assertThat(block(view, "q1").get("optional").getAsBoolean()).isTrue();
        assertThat(block(view, "q1").getAsJsonObject("hint").get("text").getAsString())
                .isEqualTo("Only if Blocked? = Yes; otherwise leave it empty.");
        assertThat(block(view, "q2").getAsJsonObject("element").getAsJsonArray("options").asList().stream()
                .map(o -> o.getAsJsonObject().get("value").getAsString())).containsExactly("API", "Web", "Mobile");
        assertThat(block(view, "q5").getAsJsonObject("element").get("is_decimal_allowed").getAsBoolean()).isTrue();

        // Blocked = yes without saying what blocks: refused under that input.
        ViewSubmission answers = ViewSubmission.of("standup.answer").user(ana)
                .privateMetadata(view.get("private_metadata").getAsString())
                .radioButtons("q0", "yes").plainTextInput("q1", "")
                .staticSelect("q2", "Web").checkboxes("q3", "Docs", "API").radioButtons("q4", "4")
                .numberInput("q5", "6.5").plainTextInput("q6", "");
        JsonObject refused = JsonParser.parseString(slack.interaction(answers.json()).body()).getAsJsonObject();
        assertThat(refused.getAsJsonObject("errors").get("q1").getAsString())
                .isEqualTo("Please answer this: Blocked? is yes.");

        answers.plainTextInput("q1", "Waiting for the staging database <!channel>");
        assertThat(slack.interaction(answers.json()).body()).doesNotContain("errors");

        FakeSlackApi.Call report = SLACK.awaitCall("chat.postMessage", c -> summaryTs.equals(c.param("thread_ts"))
                && c.param("text").contains("Ana"));
        assertThat(report.param("text")).isEqualTo("🚧 Ana is blocked");
        assertThat(report.param("blocks")).contains("Waiting for the staging database").contains("API, Docs")
                .contains("4/5").contains("6.5").contains("Web").doesNotContain("<!channel>")
                .doesNotContain("Notes");
        SLACK.awaitCall("chat.update", c -> summaryTs.equals(c.param("ts")) && c.param("blocks").contains("Blockers")
                && c.param("blocks").contains("Waiting for the staging database")
                && !c.param("blocks").contains("Blocked? Yes"));

        // Bo answers in the DM: a wrong answer is asked again with the options; no skips the follow-up.
        slack.event(directMessage(bo, "D" + bo, "perhaps"), 0);
        SLACK.awaitCall("chat.postMessage", c -> ("D" + bo).equals(c.param("channel"))
                && said(c).contains("Answer yes or no."));
        slack.event(directMessage(bo, "D" + bo, "no"), 0);
        SLACK.awaitCall("chat.postMessage", c -> ("D" + bo).equals(c.param("channel"))
                && said(c).contains("3/7") && said(c).contains("1. API, 2. Web, 3. Mobile"));
        // One at a time, as a person types: each reply is the next question.
        for (String answer : List.of("3", "web, docs", "5", "2", "skip")) {
            int replies = SLACK.calls("chat.postMessage").stream().filter(c -> ("D" + bo).equals(c.param("channel")))
                    .toList().size();
            slack.event(directMessage(bo, "D" + bo, answer), 0);
            await().atMost(Duration.ofSeconds(10)).until(() -> SLACK.calls("chat.postMessage").stream()
                    .filter(c -> ("D" + bo).equals(c.param("channel"))).count() > replies);
        }
        FakeSlackApi.Call boReport = SLACK.awaitCall("chat.postMessage", c -> summaryTs.equals(c.param("thread_ts"))
                && c.param("text").contains("Bo"));
        assertThat(boReport.param("blocks")).contains("Mobile").contains("Web, Docs").contains("5/5")
                .doesNotContain("What blocks you?");
        SLACK.awaitCall("chat.update", c -> summaryTs.equals(c.param("ts"))
                && c.param("text").contains("2 of 2 answered"));
    }
}
