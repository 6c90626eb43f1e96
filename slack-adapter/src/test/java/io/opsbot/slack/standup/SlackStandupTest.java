package io.opsbot.slack.standup;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.core.testing.NudgeDriver;
import io.opsbot.slack.testing.FakeSlackApi;
import io.opsbot.slack.testing.SlackAdapterTest;
import io.opsbot.slack.testing.ViewSubmission;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(command("", "U0ADMIN").statusCode()).isEqualTo(200);
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

    private static String summaryTsOf(FakeSlackApi.Call summary) {
        // The fake answers chat.postMessage with increasing ts values; find the one it gave this post.
        return summary.response().get("ts").getAsString();
    }
}
