package io.opsbot.slack.feedback;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.opsbot.slack.testing.BlockKit;
import io.opsbot.slack.testing.ButtonClick;
import io.opsbot.slack.testing.FakeSlackApi;
import io.opsbot.slack.testing.Fixtures;
import io.opsbot.slack.testing.SlackAdapterTest;
import io.opsbot.slack.testing.ViewSubmission;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * User text can never make the bot ping a channel, mention someone or disguise a link, in any field of anything it
 * sends (text, blocks, modal values, response_url replies), whichever way the text came in: a slash command, a DM, a
 * saved message. Bidi overrides and NUL never reach the screen either.
 */
class SlackMentionInjectionTest extends SlackAdapterTest {

    static final String INJECTION = "hey <!channel> <!here> <!everyone> <@U0123> <!subteam^S1> "
            + "<https://evil.example|click> \u202Egnp.exe\u202C\u0000 done";
    /** What must never appear in anything the bot sends: each one is live in mrkdwn. */
    static final List<String> LIVE = List.of("<!channel>", "<!here>", "<!everyone>", "<@U0123>", "<!subteam^S1>",
            "<https://evil.example", "|click>", "\u202E", "\u202C", "\u0000");

    private String tag;

    @BeforeEach
    void uniqueTag() {
        tag = UUID.randomUUID().toString().substring(0, 8);
    }

    /** Every string in a JSON document (Slack's SDK may write < as \u003c, so the raw text proves nothing). */
    static List<String> strings(JsonElement json) {
        List<String> out = new ArrayList<>();
        if (json.isJsonPrimitive()) {
            out.add(json.getAsString());
        } else if (json.isJsonArray()) {
            json.getAsJsonArray().forEach(e -> out.addAll(strings(e)));
        } else if (json.isJsonObject()) {
            json.getAsJsonObject().entrySet().forEach(e -> out.addAll(strings(e.getValue())));
        }
        return out;
    }

    static void assertHarmless(List<String> sent) {
        for (String text : sent) {
            for (String live : LIVE) {
                assertThat(text).as("nothing live in what the bot sends").doesNotContain(live);
            }
        }
    }

    /** Every text a Web API call or response_url post carried. */
    private static List<String> sentTexts(FakeSlackApi.Call call) {
        List<String> texts = new ArrayList<>();
        if (call.body().startsWith("{")) {
            texts.addAll(strings(call.json()));
        }
        call.params().forEach((name, value) -> texts.addAll(value.startsWith("[") || value.startsWith("{")
                ? strings(JsonParser.parseString(value)) : List.of(value)));
        return texts;
    }

    private HttpResponse<String> command(String text, String channel, String user) {
        return slashCommand("/feedback", text, channel, user, "commands/injection");
    }

    private FakeSlackApi.Call triage(String channel, String marker) {
        return SLACK.awaitCall("chat.postMessage", c -> channel.equals(c.param("channel"))
                && c.param("text") != null && c.param("text").contains(marker));
    }

    @Test
    void aSlashCommandCapturesTheTextButEveryFieldSentIsInert() {
        command("triage here", "CTRIAGEI1", "U0ADMIN");

        HttpResponse<String> ack = command(INJECTION + " " + tag, "C1", "U0REPORTER");

        assertHarmless(strings(JsonParser.parseString(ack.body())));
        FakeSlackApi.Call post = triage("CTRIAGEI1", tag);
        assertHarmless(sentTexts(post));
        assertThat(post.param("text")).as("shown as typed").contains("&lt;!channel&gt;")
                .contains("&lt;https://evil.example|click&gt;").contains("gnp.exe");

        // The reporter's status notice repeats the summary.
        JsonObject click = ButtonClick.on(BlockKit.button(post, "Planned")).user("U0PM").channel("CTRIAGEI1")
                .responseUrl(SLACK.responseUrl("actions/injection")).json();
        slack.interaction(click);
        assertHarmless(sentTexts(SLACK.awaitCall("chat.postMessage", c -> "U0REPORTER".equals(c.param("channel")))));
        assertHarmless(sentTexts(SLACK.awaitCall("chat.update", c -> true)));

        HttpResponse<String> list = command("list", "C1", "U0REPORTER");
        assertHarmless(strings(JsonParser.parseString(list.body())));
    }

    @Test
    void aDirectMessageIsAnsweredAndTriagedWithEveryFieldInert() {
        command("triage here", "CTRIAGEI2", "U0ADMIN");

        slack.event(directMessage("U0DMUSER", "D0DMUSER", "feedback " + INJECTION + " " + tag), 0);

        assertHarmless(sentTexts(SLACK.awaitCall("chat.postMessage", c -> "D0DMUSER".equals(c.param("channel")))));
        assertHarmless(sentTexts(triage("CTRIAGEI2", tag)));
    }

    @Test
    void savingAMessageAsFeedbackPrefillsReadableTextAndPostsItInert() {
        command("triage here", "CTRIAGEI3", "U0ADMIN");
        SLACK.user("U0MJRG1AL", "Ana Author", "Europe/Berlin", false);
        JsonObject shortcut = Fixtures.json("slack/message_action.docs-example.json");
        shortcut.addProperty("callback_id", "save_as_feedback");
        shortcut.getAsJsonObject("team").addProperty("id", FakeSlackApi.TEAM_ID);
        shortcut.addProperty("response_url", SLACK.responseUrl("shortcut/injection"));
        shortcut.getAsJsonObject("message").addProperty("text", INJECTION + " " + tag);

        assertThat(slack.interaction(shortcut).statusCode()).isEqualTo(200);

        JsonObject view = SLACK.awaitCall("views.open", c -> true).jsonParam("view").getAsJsonObject();
        assertHarmless(strings(view));
        String summary = BlockKit.block(view, "summary").getAsJsonObject("element").get("initial_value")
                .getAsString();
        String details = BlockKit.block(view, "details").getAsJsonObject("element").get("initial_value")
                .getAsString();
        assertThat(summary).as("the words people saw").startsWith("hey @channel @here @everyone @U0123 @S1 "
                + "click (https://evil.example) gnp.exe done");
        assertThat(details).startsWith("Ana Author wrote:");

        // The modal carries the shortcut's response_url: the confirmation goes there.
        slack.interaction(ViewSubmission.of("feedback.new").privateMetadata(view.get("private_metadata").getAsString())
                .plainTextInput("summary", summary).plainTextInput("details", INJECTION).json());

        assertHarmless(sentTexts(triage("CTRIAGEI3", tag)));
        assertHarmless(sentTexts(SLACK.awaitCall("response_url", c -> c.body().contains("Saved as"))));
    }
}
