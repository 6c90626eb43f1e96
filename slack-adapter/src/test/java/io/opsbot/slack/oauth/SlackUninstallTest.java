package io.opsbot.slack.oauth;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.opsbot.core.delivery.Delivery;
import io.opsbot.core.retention.Departures;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.testing.NudgeDriver;
import io.opsbot.slack.testing.FakeSlackApi;
import io.opsbot.slack.testing.FakeSlackApi.Install;
import io.opsbot.slack.testing.FakeSlackApi.Workspace;
import io.opsbot.slack.testing.Fixtures;
import io.opsbot.slack.testing.SlackOAuthAdapterTest;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The app leaving a workspace (app_uninstalled, tokens_revoked, fixtures from Slack's docs): its token is deleted at
 * once, its requests refused, its next scheduled standup prompt dropped without any call to Slack, its data kept; a
 * new install brings the standup back, sent with the new token.
 */
class SlackUninstallTest extends SlackOAuthAdapterTest {

    // Monday 30 November 2026, before the prompts.
    static final Instant MONDAY = Instant.parse("2026-11-30T00:00:00Z");

    @Autowired
    NudgeDriver driver;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    Departures departures;

    private String id;
    private Workspace workspace;
    private String ana;

    @BeforeEach
    void workspace() {
        botClock.set(MONDAY);
        id = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        workspace = Workspace.team("TU" + id, "UBOTU" + id);
        ana = "U0ANA" + id;
    }

    private void registerPeople() {
        SLACK.user(ana, "Ana", "Europe/London", null, workspace.teamId());
        SLACK.user("U0ADMIN" + id, "Ada Admin", "Europe/London", null, workspace.teamId());
        SLACK.channel("CS" + id, null, workspace.teamId());
    }

    private List<FakeSlackApi.Call> promptsTo(String user) {
        return SLACK.calls("chat.postMessage").stream().filter(c -> user.equals(c.param("channel"))).toList();
    }

    private JsonObject event(String fixture) {
        JsonObject envelope = Fixtures.json(fixture);
        envelope.addProperty("team_id", workspace.teamId());
        envelope.addProperty("event_id", "Ev" + id + fixture.length());
        return envelope;
    }

    @Test
    void uninstallStopsThePromptsAtOnceKeepsTheDataAndAReinstallResumesThem() {
        String token = "xoxb-before-" + id;
        install(Install.of(workspace, token));
        registerPeople();
        String name = "Daily " + id;
        createStandup(workspace, workspace.teamId(), "U0ADMIN" + id, name, "CS" + id, ana);

        driver.runUntil(Instant.parse("2026-11-30T09:01:00Z"));
        FakeSlackApi.Call monday = SLACK.awaitCall("chat.postMessage", c -> ana.equals(c.param("channel")));
        assertThat(monday.token()).isEqualTo(token);
        assertThat(monday.param("text")).contains(name);

        // Slack: the app is uninstalled; its token stops working and the event arrives.
        SLACK.revoke(token);
        assertThat(slack.event(event("slack/events/app_uninstalled.legacy-api-slack-com.json"), 0).statusCode())
                .isEqualTo(200);

        Document row = mongo.getCollection("slack_installations").find(new Document("_id", "T:" + workspace.teamId()))
                .first();
        assertThat(row).containsKey("removedAt").doesNotContainKey("sealedBotToken");
        assertThat(departures.of(TenantRef.slack(workspace.teamId()))).isPresent();
        assertThat(command(workspace, workspace.teamId(), "/standup", "list", "C1", ana).body())
                .contains("not installed in this workspace");

        SLACK.reset();
        registerPeople();
        driver.runUntil(Instant.parse("2026-12-01T09:01:00Z"));
        driver.awaitOutboundIdle();

        assertThat(promptsTo(ana)).as("nothing sent with a dead token, nothing tried").isEmpty();
        assertThat(SLACK.calls()).noneMatch(c -> token.equals(c.token()));
        Delivery dropped = await().until(() -> tuesdayPromptOf(ana),
                d -> d != null && d.getState() != Delivery.State.PENDING);
        assertThat(dropped.getState()).isEqualTo(Delivery.State.FAILED);
        assertThat(dropped.getAttempts()).as("unreachable: not retried").isEqualTo(1);
        assertThat(dropped.getLastError()).contains("not installed");
        assertThat(mongo.getCollection("standups").countDocuments(new Document("name", name)))
                .as("the data is kept").isEqualTo(1);

        String newToken = "xoxb-after-" + id;
        install(Install.of(workspace, newToken));
        assertThat(departures.of(TenantRef.slack(workspace.teamId()))).isEmpty();
        driver.runUntil(Instant.parse("2026-12-02T09:01:00Z"));

        FakeSlackApi.Call wednesday = SLACK.awaitCall("chat.postMessage", c -> ana.equals(c.param("channel")));
        assertThat(wednesday.token()).isEqualTo(newToken);
        assertThat(wednesday.param("text")).contains(name);
    }

    @Test
    void revokingTheBotTokenStopsTheWorkspaceToo() {
        String token = "xoxb-revoked-" + id;
        install(Install.of(workspace, token));
        registerPeople();
        JsonObject revoked = event("slack/events/tokens_revoked.docs.json");
        JsonObject tokens = revoked.getAsJsonObject("event").getAsJsonObject("tokens");
        JsonArray bots = new JsonArray();
        bots.add(workspace.botUserId());
        tokens.add("bot", bots);

        assertThat(slack.event(revoked, 0).statusCode()).isEqualTo(200);

        assertThat(departures.of(TenantRef.slack(workspace.teamId()))).get()
                .extracting(d -> d.getReason()).isEqualTo("bot token revoked");
        assertThat(command(workspace, workspace.teamId(), "/feedback", "hello", "C1", ana).body())
                .contains("not installed in this workspace");
        assertThat(SLACK.calls()).noneMatch(c -> token.equals(c.token()) && !"oauth.v2.access".equals(c.method())
                && !"auth.test".equals(c.method()));
    }

    @Test
    void aRevocationOfSomeoneElsesTokenChangesNothing() {
        install(Install.of(workspace, "xoxb-kept-" + id));
        JsonObject revoked = event("slack/events/tokens_revoked.docs.json");

        assertThat(slack.event(revoked, 0).statusCode()).isEqualTo(200);

        assertThat(departures.of(TenantRef.slack(workspace.teamId()))).isEmpty();
        assertThat(command(workspace, workspace.teamId(), "/feedback", "Still here " + id, "C1", ana).body())
                .contains("Saved as");
    }

    @Test
    void uninstallingAnOrgWideInstallEndsItForEveryWorkspaceOfTheOrg() {
        Workspace org = Workspace.org("EU" + id, "UBOTO" + id);
        install(Install.of(org, "xoxb-org-" + id));
        assertThat(command(org, "TO1" + id, "/feedback", "Before " + id, "C1", ana).body()).contains("Saved as");
        JsonObject uninstalled = Fixtures.json("slack/events/app_uninstalled.legacy-api-slack-com.json");
        uninstalled.addProperty("team_id", "TO1" + id);
        uninstalled.addProperty("enterprise_id", org.enterpriseId());
        uninstalled.addProperty("event_id", "EvOrg" + id);
        JsonArray authorizations = new JsonArray();
        JsonObject authorization = new JsonObject();
        authorization.addProperty("enterprise_id", org.enterpriseId());
        authorization.add("team_id", com.google.gson.JsonNull.INSTANCE);
        authorization.addProperty("user_id", org.botUserId());
        authorization.addProperty("is_bot", true);
        authorization.addProperty("is_enterprise_install", true);
        authorizations.add(authorization);
        uninstalled.add("authorizations", authorizations);

        assertThat(slack.event(uninstalled, 0).statusCode()).isEqualTo(200);

        assertThat(departures.of(TenantRef.slack(org.enterpriseId()))).isPresent();
        assertThat(command(org, "TO2" + id, "/feedback", "After " + id, "C1", ana).body())
                .contains("not installed in this workspace");
    }

    private Delivery tuesdayPromptOf(String user) {
        return mongo.find(org.springframework.data.mongodb.core.query.Query.query(
                        org.springframework.data.mongodb.core.query.Criteria.where("destination.user.userId").is(user)
                                .and("createdAt").gte(Instant.parse("2026-12-01T00:00:00Z"))), Delivery.class)
                .stream().findFirst().orElse(null);
    }
}
