package io.opsbot.slack.home;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.opsbot.core.config.CoreConfiguration;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.slack.testing.BlockKit;
import io.opsbot.slack.testing.ButtonClick;
import io.opsbot.slack.testing.FakeSlackApi;
import io.opsbot.slack.testing.FakeSlackApi.Install;
import io.opsbot.slack.testing.FakeSlackApi.Workspace;
import io.opsbot.slack.testing.Fixtures;
import io.opsbot.slack.testing.SlackOAuthAdapterTest;
import io.opsbot.slack.testing.ViewSubmission;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The App Home tab on Slack: published (views.publish, with the workspace's own token) when the person opens it, with
 * the same "waiting for me" list as /home; published again after something on it changed (their own command, a
 * triager's status change they are DMed about); its buttons work although the click has no channel and no
 * response_url (a form opens as a modal, replies come by DM); published at once even while a fan-out's paced sends
 * hold every outbound thread; after a fan-out's DMs, only the tabs that were opened, once each.
 */
class SlackAppHomeTest extends SlackOAuthAdapterTest {

    @Autowired
    @Qualifier(CoreConfiguration.OUTBOUND_EXECUTOR)
    ThreadPoolTaskExecutor outbound;
    @Autowired
    HomeTabs homeTabs;

    private String id;
    private Workspace workspace;
    private String token;
    private String ana;
    private String admin;

    @BeforeEach
    void installed() {
        id = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        workspace = Workspace.team("TH" + id, "UBOTH" + id);
        token = "xoxb-home-" + id;
        ana = "U0ANA" + id;
        admin = "U0ADM" + id;
        install(Install.of(workspace, token));
        SLACK.user(ana, "Ana", "Europe/Berlin", null, workspace.teamId());
        SLACK.user(admin, "Ada", "Europe/London", null, workspace.teamId());
        SLACK.channel("CT" + id, null, workspace.teamId());
    }

    private void openHome(String user) {
        JsonObject envelope = Fixtures.json("slack/events/app_home_opened.envelope.sdk-test.json");
        envelope.addProperty("team_id", workspace.teamId());
        envelope.addProperty("event_id", "EvHome" + UUID.randomUUID().toString().substring(0, 8));
        envelope.getAsJsonObject("event").addProperty("user", user);
        envelope.getAsJsonObject("event").addProperty("channel", "D" + user);
        envelope.getAsJsonObject("event").getAsJsonObject("view").addProperty("team_id", workspace.teamId());
        assertThat(slack.event(envelope, 0).statusCode()).isEqualTo(200);
    }

    /** The Home tab published for this person whose view says {@code contains}. */
    private FakeSlackApi.Call published(String user, String contains) {
        return SLACK.awaitCall("views.publish", c -> user.equals(c.param("user_id"))
                && c.param("view").contains(contains));
    }

    private static JsonArray blocks(FakeSlackApi.Call publish) {
        return publish.jsonParam("view").getAsJsonObject().getAsJsonArray("blocks");
    }

    /** A click on a button of the Home tab, as Slack sends it (fixture block_actions.home-tab-confirm.json). */
    private HttpResponse<String> clickOnHome(JsonObject button, String user) {
        JsonObject payload = Fixtures.json("slack/block_actions.home-tab-confirm.json");
        payload.getAsJsonObject("team").addProperty("id", workspace.teamId());
        payload.getAsJsonObject("user").addProperty("id", user);
        payload.getAsJsonObject("user").addProperty("team_id", workspace.teamId());
        payload.getAsJsonObject("view").addProperty("team_id", workspace.teamId());
        payload.addProperty("trigger_id", "home." + UUID.randomUUID());
        JsonObject action = payload.getAsJsonArray("actions").get(0).getAsJsonObject();
        action.remove("confirm");
        action.addProperty("action_id", button.get("action_id").getAsString());
        action.addProperty("value", button.get("value").getAsString());
        return slack.interaction(payload);
    }

    private static Predicate<FakeSlackApi.Call> dmTo(String user, String text) {
        return c -> user.equals(c.param("channel")) && c.param("text") != null && c.param("text").contains(text);
    }

    @Test
    void publishedOnOpenWithTheWaitingListAndAgainWhenItChanges() {
        assertThat(command(workspace, workspace.teamId(), "/feedback", "triage here", "CT" + id, admin).body())
                .contains("posted here");
        assertThat(command(workspace, workspace.teamId(), "/feedback", "Export is slow " + id, "C0GEN", ana)
                .body()).contains("Saved as");

        openHome(ana);

        FakeSlackApi.Call first = published(ana, "Export is slow " + id);
        assertThat(first.token()).isEqualTo(token);
        JsonObject view = first.jsonParam("view").getAsJsonObject();
        assertThat(view.get("type").getAsString()).isEqualTo("home");
        assertThat(view.toString()).contains("What is waiting for you").contains("Your feedback");
        BlockKit.button(blocks(first), "Share feedback");
        BlockKit.button(blocks(first), "Refresh");

        // Her own command changes it.
        command(workspace, workspace.teamId(), "/feedback", "Drafts vanish on save " + id, "C0GEN", ana);
        FakeSlackApi.Call second = published(ana, "Drafts vanish on save " + id);
        assertThat(second.param("view")).contains("Export is slow " + id);

        // A triager's change reaches her by DM, and her Home tab follows.
        FakeSlackApi.Call card = SLACK.awaitCall("chat.postMessage", c -> ("CT" + id).equals(c.param("channel"))
                && c.param("text").contains("Export is slow " + id));
        slack.interaction(ButtonClick.on(BlockKit.button(card, "Planned")).team(workspace.teamId()).user(admin)
                .channel("CT" + id).messageTs(card.response().get("ts").getAsString())
                .responseUrl(SLACK.responseUrl("status/" + id)).json());
        SLACK.awaitCall("chat.postMessage", dmTo(ana, "it is now Planned"));
        FakeSlackApi.Call third = published(ana, "Planned");
        assertThat(third.token()).isEqualTo(token);
        assertThat(SLACK.calls("views.publish")).filteredOn(c -> admin.equals(c.param("user_id")))
                .as("the admin never opened theirs").isEmpty();
    }

    @Test
    void itsButtonsWorkWithoutAChannelOrAResponseUrl() {
        openHome(ana);
        FakeSlackApi.Call home = published(ana, "Share feedback");

        // Share feedback: the form opens as a modal; its confirmation comes by DM and the new item shows on the tab.
        clickOnHome(BlockKit.button(blocks(home), "Share feedback"), ana);
        JsonObject modal = SLACK.awaitCall("views.open", c -> c.param("view").contains("feedback.new"))
                .jsonParam("view").getAsJsonObject();
        HttpResponse<String> submitted = slack.interaction(ViewSubmission.of("feedback.new").team(workspace.teamId())
                .user(ana).privateMetadata(modal.get("private_metadata").getAsString())
                .plainTextInput("summary", "Dark mode " + id).staticSelect("type", "FEATURE_REQUEST").json());
        assertThat(submitted.body()).doesNotContain("errors");
        FakeSlackApi.Call confirmation = SLACK.awaitCall("chat.postMessage", dmTo(ana, "Dark mode " + id));
        assertThat(confirmation.token()).isEqualTo(token);
        published(ana, "Dark mode " + id);

        // Refresh publishes it again at once.
        int before = SLACK.calls("views.publish").size();
        clickOnHome(BlockKit.button(blocks(home), "Refresh"), ana);
        SLACK.awaitCall("views.publish", c -> SLACK.calls("views.publish").size() > before);

        // A button that is no longer active is answered by DM, not lost.
        JsonObject stale = new JsonObject();
        stale.addProperty("action_id", "home.gone#0");
        stale.addProperty("value", "");
        clickOnHome(stale, ana);
        SLACK.awaitCall("chat.postMessage", dmTo(ana, "no longer active"));
        assertThat(SLACK.calls("response_url")).isEmpty();
        assertThat(SLACK.calls("chat.postMessage")).allSatisfy(c -> assertThat(c.param("channel")).isEqualTo(ana));
    }

    @Test
    void refreshOnTheHomeCommandsPrivateReplyReplacesThatReply() {
        HttpResponse<String> reply = command(workspace, workspace.teamId(), "/home", "", "C0GEN", ana);
        JsonArray replyBlocks = com.google.gson.JsonParser.parseString(reply.body()).getAsJsonObject()
                .getAsJsonArray("blocks");

        slack.interaction(ButtonClick.on(BlockKit.button(replyBlocks, "Refresh")).team(workspace.teamId()).user(ana)
                .channel("C0GEN").ephemeral().responseUrl(SLACK.responseUrl("home/" + id)).json());

        FakeSlackApi.Call replaced = SLACK.awaitCall("response_url", c -> c.body().contains("What is waiting"));
        assertThat(replaced.json().get("replace_original").getAsBoolean()).isTrue();
        assertThat(replaced.json().get("response_type").getAsString()).isEqualTo("ephemeral");
        assertThat(SLACK.calls("chat.update")).isEmpty();
    }

    @Test
    void anAdminsHomeTabHasTheSettingsWithTheChannelsAndTheSetUpForms() {
        assertThat(command(workspace, workspace.teamId(), "/feedback", "triage here", "CT" + id, admin).body())
                .contains("posted here");

        openHome(admin);
        openHome(ana);

        FakeSlackApi.Call adminHome = published(admin, "Settings (admins)");
        String view = adminHome.param("view");
        assertThat(view).contains("Triage channel").contains("\\u003c#CT" + id + "\\u003e")
                .contains("OKR channel").contains("not chosen yet").contains("/okr channel here")
                .contains("Onboarding channel");
        for (String setUp : new String[]{"New standup", "New objective", "New track", "Schedule a training",
                "Announce a change"}) {
            BlockKit.button(blocks(adminHome), setUp);
        }
        assertThat(published(ana, "What is waiting for you").param("view")).doesNotContain("Settings (admins)");

        // A set-up button opens its form as a modal.
        clickOnHome(BlockKit.button(blocks(adminHome), "New standup"), admin);
        SLACK.awaitCall("views.open", c -> c.param("view").contains("standup.edit"));
    }

    @Test
    void publishedAtOnceWhileAFanOutHoldsEveryOutboundThread() {
        // Four paced sends waiting for their turn, and more queued behind them: what a big fan-out looks like.
        CountDownLatch paced = new CountDownLatch(1);
        for (int i = 0; i < outbound.getMaxPoolSize() + 20; i++) {
            outbound.execute(() -> {
                try {
                    paced.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        try {
            assertThat(command(workspace, workspace.teamId(), "/feedback", "Export is slow " + id, "C0GEN", ana)
                    .body()).contains("Saved as");

            openHome(ana);

            assertThat(published(ana, "Export is slow " + id).token()).isEqualTo(token);
            assertThat(outbound.getActiveCount()).as("the fan-out still holds the outbound pool").isEqualTo(
                    outbound.getMaxPoolSize());
        } finally {
            paced.countDown();
        }
    }

    @Test
    void afterAFanOutsDmsOnlyTheOpenedTabsArePublishedOnceEach() {
        openHome(ana);
        published(ana, "What is waiting for you");
        TenantRef tenant = TenantRef.slack(workspace.teamId());

        // Forty people DMed in the same moment, twice; only Ana ever opened her tab.
        for (int round = 0; round < 2; round++) {
            homeTabs.changed(new UserRef(tenant, ana));
            homeTabs.changed(new UserRef(tenant, admin));
            for (int i = 0; i < 38; i++) {
                homeTabs.changed(new UserRef(tenant, "U0FAN" + i + id));
            }
        }

        await().until(() -> publishesTo(ana) == 2);
        // Long enough for any further publish to have come (the delay is 200 ms here).
        await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
        assertThat(publishesTo(ana)).as("two changes in one moment are one publish").isEqualTo(2);
        assertThat(SLACK.calls("views.publish")).filteredOn(c -> c.param("user_id").contains(id)
                && !ana.equals(c.param("user_id"))).as("no one else opened theirs").isEmpty();
    }

    private long publishesTo(String user) {
        return SLACK.calls("views.publish").stream().filter(c -> user.equals(c.param("user_id"))).count();
    }
}
