package io.opsbot.slack.installation;

import com.google.gson.JsonObject;
import io.opsbot.core.feedback.FeedbackItem;
import io.opsbot.core.feedback.FeedbackRepository;
import io.opsbot.core.feedback.FeedbackStatus;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.settings.TenantSettingsService;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.slack.testing.BlockKit;
import io.opsbot.slack.testing.ButtonClick;
import io.opsbot.slack.testing.FakeSlackApi;
import io.opsbot.slack.testing.SlackAdapterTest;
import io.opsbot.slack.testing.ViewSubmission;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Single-token mode serves the one workspace the bot token belongs to (auth.test of the fake Web API: T0001). A request
 * from another workspace is refused with a clear reply and changes nothing; a Slack Connect member of another
 * organisation, acting in a channel shared with this workspace, is attributed to their own workspace.
 */
class SlackWorkspaceCheckTest extends SlackAdapterTest {

    private static final String OTHER_TEAM = "T0OTHER01";

    @Autowired
    FeedbackRepository feedback;
    @Autowired
    TenantSettingsService settings;

    private final TenantRef home = TenantRef.slack(FakeSlackApi.TEAM_ID);
    private String tag;

    @BeforeEach
    void uniqueTag() {
        tag = UUID.randomUUID().toString().substring(0, 8);
    }

    private HttpResponse<String> command(String team, String text, String channel, String user) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("team_id", team);
        fields.put("enterprise_id", "");
        fields.put("channel_id", channel);
        fields.put("user_id", user);
        fields.put("command", "/feedback");
        fields.put("text", text);
        fields.put("response_url", SLACK.responseUrl("commands/" + team));
        return slack.slashCommand(fields);
    }

    private boolean anyItem(String summary) {
        return feedback.findAll().stream().anyMatch(i -> i.getSummary().equals(summary));
    }

    private FeedbackItem item(String summary) {
        return feedback.findAll().stream().filter(i -> i.getSummary().equals(summary)).findFirst().orElseThrow();
    }

    /** A click on the bot's triage card, by someone with a response_url of their own. */
    private static JsonObject click(FakeSlackApi.Call card, String label, String user, String channel) {
        return ButtonClick.on(BlockKit.button(card, label)).user(user).channel(channel)
                .responseUrl(SLACK.responseUrl("actions/" + user)).json();
    }

    private FakeSlackApi.Call triageCard(String channel, String summary) {
        assertThat(command(FakeSlackApi.TEAM_ID, "triage here", channel, "U0ADMIN").body()).contains("posted here");
        command(FakeSlackApi.TEAM_ID, summary, "C1", "U0REPORTER");
        return SLACK.awaitCall("chat.postMessage", c -> channel.equals(c.param("channel"))
                && c.param("text") != null && c.param("text").contains(summary));
    }

    @Test
    void aCommandFromAnotherWorkspaceIsRefusedAndNothingIsStoredPostedOrChanged() {
        triageCard("CTRIAGEW1", "Home item " + tag);
        SLACK.reset();

        HttpResponse<String> capture = command(OTHER_TEAM, "Sneaky item " + tag, "COTHER", "U0STRANGER");
        HttpResponse<String> moveTriage = command(OTHER_TEAM, "triage here", "COTHER", "U0STRANGER");

        assertThat(capture.statusCode()).isEqualTo(200);
        assertThat(capture.body()).contains("ephemeral").contains("installed in a different Slack workspace");
        assertThat(moveTriage.body()).contains("installed in a different Slack workspace");
        assertThat(anyItem("Sneaky item " + tag)).as("stored under no workspace").isFalse();
        assertThat(settings.triageChannel(home)).contains(new Destination.Channel(home, "CTRIAGEW1"));
        assertThat(settings.triageChannel(TenantRef.slack(OTHER_TEAM))).isEmpty();
        // Nothing posted about it anywhere (other tests' standups may still be editing their own summaries).
        await().during(Duration.ofMillis(300)).until(() -> SLACK.calls().stream()
                .filter(c -> c.method().startsWith("chat.")).noneMatch(c -> String.valueOf(c.params())
                        .contains("Sneaky item") || "COTHER".equals(c.param("channel"))));
    }

    @Test
    void aButtonClickFromAnotherWorkspaceChangesNothingAndSaysWhy() {
        FakeSlackApi.Call card = triageCard("CTRIAGEW2", "Button item " + tag);
        FeedbackItem item = item("Button item " + tag);
        JsonObject click = click(card, "Planned", "U0STRANGER", "CTRIAGEW2");
        click.getAsJsonObject("team").addProperty("id", OTHER_TEAM);
        click.getAsJsonObject("user").addProperty("team_id", OTHER_TEAM);
        SLACK.reset();

        assertThat(slack.interaction(click).statusCode()).isEqualTo(200);

        FakeSlackApi.Call refusal = SLACK.awaitCall("response_url", c -> true);
        assertThat(refusal.json().get("text").getAsString()).contains("installed in a different Slack workspace");
        assertThat(refusal.json().get("response_type").getAsString()).isEqualTo("ephemeral");
        assertThat(feedback.findById(item.getId()).orElseThrow().getStatus()).isEqualTo(FeedbackStatus.NEW);
        // The triage card stays as it was (other tests' standups may still be editing their summaries meanwhile).
        assertThat(SLACK.calls("chat.update")).noneMatch(c -> "CTRIAGEW2".equals(c.param("channel")));
    }

    @Test
    void anEventFromAnotherWorkspaceIsAcknowledgedWithoutRetriesAndIgnored() {
        JsonObject event = inThisWorkspace(directMessage("feedback Event item " + tag));
        event.addProperty("team_id", OTHER_TEAM);
        event.getAsJsonArray("authorizations").get(0).getAsJsonObject().addProperty("team_id", OTHER_TEAM);

        HttpResponse<String> response = slack.event(event, 0);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Slack-No-Retry")).contains("1");
        await().during(Duration.ofMillis(500)).until(() -> SLACK.calls("chat.postMessage").isEmpty());
        assertThat(anyItem("Event item " + tag)).isFalse();
    }

    @Test
    void aSlackConnectMemberIsAttributedToTheirOwnWorkspace() {
        FakeSlackApi.Call card = triageCard("CSHARED01", "Shared item " + tag);
        FeedbackItem item = item("Shared item " + tag);
        // The request comes through this workspace's installation; the person belongs to another organisation.
        JsonObject click = click(card, "Declined", "U0GUEST", "CSHARED01");
        click.getAsJsonObject("user").addProperty("team_id", OTHER_TEAM);
        SLACK.reset();

        assertThat(slack.interaction(click).statusCode()).isEqualTo(200);

        SLACK.awaitCall("response_url", c -> c.body().contains("no longer exists"));
        assertThat(feedback.findById(item.getId()).orElseThrow().getStatus())
                .as("not a member of this workspace, so not its data to change").isEqualTo(FeedbackStatus.NEW);

        JsonObject submission = ViewSubmission.of("feedback.new").user("U0GUEST").privateMetadata("c=CSHARED01")
                .plainTextInput("summary", "Guest idea " + tag).json();
        submission.getAsJsonObject("user").addProperty("team_id", OTHER_TEAM);
        assertThat(slack.interaction(submission).statusCode()).isEqualTo(200);

        FeedbackItem guest = await().until(() -> feedback.findAll().stream()
                .filter(i -> i.getSummary().equals("Guest idea " + tag)).findFirst().orElse(null),
                java.util.Objects::nonNull);
        assertThat(guest.getReporter().tenant()).isEqualTo(TenantRef.slack(OTHER_TEAM));
        assertThat(guest.getTenant()).isNotEqualTo(home);
    }
}
