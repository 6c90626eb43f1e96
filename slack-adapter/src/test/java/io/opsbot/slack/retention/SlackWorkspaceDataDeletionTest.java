package io.opsbot.slack.retention;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.opsbot.slack.testing.BlockKit;
import io.opsbot.slack.testing.ButtonClick;
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

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /opsbot delete-workspace-data}: admins only, asked first, then everything the bot keeps about the workspace
 * is gone from every collection (its installation excepted: the bot stays installed and works on), and nothing of
 * another workspace goes with it.
 */
class SlackWorkspaceDataDeletionTest extends SlackOAuthAdapterTest {

    @Autowired
    MongoTemplate mongo;
    @Autowired
    io.opsbot.core.testing.NudgeDriver driver;

    private String id;
    private Workspace acme;
    private Workspace globex;
    private String admin;
    private String ana;

    @BeforeEach
    void twoWorkspaces() {
        id = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        acme = Workspace.team("TD" + id, "UBOTD" + id);
        globex = Workspace.team("TK" + id, "UBOTK" + id);
        admin = "U0ADM" + id;
        ana = "U0ANA" + id;
        install(Install.of(acme, "xoxb-del-acme-" + id));
        install(Install.of(globex, "xoxb-del-globex-" + id));
        SLACK.user(ana, "Ana", "Europe/Berlin", null, acme.teamId());
        SLACK.user(admin, "Ada", "Europe/London", null, acme.teamId());
        SLACK.channel("CD" + id, null, acme.teamId());
    }

    /** Where each collection still mentions the team, by number of documents. */
    private Map<String, Long> mentionsOf(String teamId) {
        Map<String, Long> found = new TreeMap<>();
        for (String collection : mongo.getCollectionNames()) {
            long count = mongo.getCollection(collection).find().into(new java.util.ArrayList<Document>()).stream()
                    .filter(d -> d.toJson().contains(teamId)).count();
            if (count > 0) {
                found.put(collection, count);
            }
        }
        return found;
    }

    private JsonArray ask(String user) {
        HttpResponse<String> reply = command(acme, acme.teamId(), "/opsbot", "delete-workspace-data", "C0GEN", user);
        JsonObject json = JsonParser.parseString(reply.body()).getAsJsonObject();
        assertThat(json.get("response_type").getAsString()).isEqualTo("ephemeral");
        return json.has("blocks") ? json.getAsJsonArray("blocks") : new JsonArray();
    }

    /** A click on the question (an ephemeral reply): what replaced it, through the click's response_url. */
    private FakeSlackApi.Call click(JsonArray question, String label, String user) {
        int before = SLACK.calls("response_url").size();
        slack.interaction(ButtonClick.on(BlockKit.button(question, label)).team(acme.teamId()).user(user)
                .channel("C0GEN").ephemeral().responseUrl(SLACK.responseUrl("delete/" + UUID.randomUUID())).json());
        SLACK.awaitCall("response_url", c -> SLACK.calls("response_url").size() > before);
        return SLACK.calls("response_url").get(before);
    }

    @Test
    void anAdminDeletesEverythingOfTheirWorkspaceAfterConfirmingAndTheBotWorksOn() {
        // Data in many places: settings and roles, feedback and its triage card, a profile, the Home tab.
        command(acme, acme.teamId(), "/feedback", "triage here", "CD" + id, admin);
        command(acme, acme.teamId(), "/feedback", "Export is slow " + id, "C0GEN", ana);
        command(acme, acme.teamId(), "/timezone", "Europe/Berlin", "C0GEN", ana);
        // A standup that has prompted Ana (a run, her attendance, her answer dialog), and her onboarding.
        botClock.set(java.time.Instant.parse("2026-11-30T00:00:00Z"));
        createStandup(acme, acme.teamId(), admin, "Daily " + id, "CD" + id, ana);
        driver.runUntil(java.time.Instant.parse("2026-11-30T09:01:00Z"));
        SLACK.awaitCall("chat.postMessage", c -> ana.equals(c.param("channel")));
        assertThat(command(acme, acme.teamId(), "/onboarding", "start <@" + ana + "|ana> welcome", "C0GEN", admin)
                .body()).contains("Started");
        JsonObject opened = Fixtures.json("slack/events/app_home_opened.envelope.sdk-test.json");
        opened.addProperty("team_id", acme.teamId());
        opened.addProperty("event_id", "EvDel" + id);
        opened.getAsJsonObject("event").addProperty("user", ana);
        slack.event(opened, 0);
        SLACK.awaitCall("views.publish", c -> ana.equals(c.param("user_id")));
        // Her Home tab settles (the commands' re-publish comes a moment later) before anything is deleted.
        java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger(-1);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(400)).until(() -> {
            int now = SLACK.calls("views.publish").size();
            return seen.getAndSet(now) == now;
        });
        command(globex, globex.teamId(), "/feedback", "Globex keeps this " + id, "C0GEN", "U0GLO" + id);
        SLACK.awaitCall("chat.postMessage", c -> ("CD" + id).equals(c.param("channel"))
                && c.param("text").contains("Export is slow " + id));
        driver.awaitOutboundIdle();
        Map<String, Long> globexBefore = mentionsOf(globex.teamId());
        assertThat(mentionsOf(acme.teamId()).keySet()).hasSizeGreaterThan(8).contains("standups",
                "standup_runs", "standup_attendance", "onboarding_runs", "tenant_settings", "feedback");

        // Not an admin: refused, nothing asked.
        assertThat(command(acme, acme.teamId(), "/opsbot", "delete-workspace-data", "C0GEN", ana).body())
                .contains("Only an admin of this workspace can delete its data");

        // Asked, then kept.
        JsonArray question = ask(admin);
        assertThat(question.toString()).contains("cannot be undone");
        assertThat(click(question, "Keep it", admin).body()).contains("Nothing was deleted");
        assertThat(mentionsOf(acme.teamId()).keySet()).hasSizeGreaterThan(4);

        // Asked again, then deleted.
        JsonArray again = ask(admin);
        FakeSlackApi.Call done = click(again, "Delete everything", admin);
        assertThat(done.body()).contains("Deleted all of this workspace");

        // Pace buckets (counts that expire within a minute) may come back with a send already under way.
        // A Home tab re-published while the deletion ran (a DM sent just before it made the tab stale) is a send of
        // the bot working on, built from what is left: nothing else may remain in the outbox.
        assertThat(mongo.getCollection("deliveries").find().into(new java.util.ArrayList<Document>()))
                .filteredOn(d -> d.toJson().contains(acme.teamId()))
                .allSatisfy(d -> assertThat(d.getString("_id")).startsWith("slack-home:"));
        // That Home tab is built in the person's zone: asking Slack for it is remembered on a bare profile (the
        // platform's zone and when it was asked), which is the bot working on, not data kept from before.
        assertThat(mongo.getCollection("people").find().into(new java.util.ArrayList<Document>()))
                .filteredOn(d -> d.toJson().contains(acme.teamId()))
                .allSatisfy(d -> assertThat(d.keySet()).as("a profile re-created after the deletion: %s", d.toJson())
                        .isSubsetOf("_id", "_class", "user", "platformZone", "platformZoneCheckedAt"));
        // The audit log keeps one entry: who deleted everything.
        assertThat(mentionsOf(acme.teamId()).keySet()).as("only the installation and the deletion's record are left")
                .contains("slack_installations", "audit_log")
                .isSubsetOf("slack_installations", "audit_log", "rate_limits", "deliveries", "people");
        assertThat(mongo.getCollection("audit_log").find().into(new java.util.ArrayList<Document>()))
                .filteredOn(d -> d.toJson().contains(acme.teamId()))
                .singleElement().satisfies(d -> assertThat(d.getString("action")).isEqualTo("workspace.delete-data"));
        assertThat(mongo.getCollection("rate_limits").find().into(new java.util.ArrayList<Document>()))
                .filteredOn(d -> d.toJson().contains(acme.teamId()))
                .allSatisfy(d -> assertThat(d.getString("_id")).startsWith("slack-"));
        assertThat(mentionsOf(globex.teamId())).isEqualTo(globexBefore);
        // A confirmation works once.
        assertThat(click(again, "Delete everything", admin).body()).contains("no longer valid");
        assertThat(command(acme, acme.teamId(), "/feedback", "A fresh start " + id, "C0GEN", ana).body())
                .contains("Saved as FB-1");
    }
}
