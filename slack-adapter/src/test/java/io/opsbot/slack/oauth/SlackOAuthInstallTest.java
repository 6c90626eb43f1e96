package io.opsbot.slack.oauth;

import io.opsbot.core.tenant.TenantRef;
import io.opsbot.slack.config.SlackProperties;
import io.opsbot.slack.testing.FakeSlackApi;
import io.opsbot.slack.testing.FakeSlackApi.Install;
import io.opsbot.slack.testing.FakeSlackApi.Workspace;
import io.opsbot.slack.testing.SlackOAuthAdapterTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Installing by OAuth into two workspaces and an Enterprise Grid org (org-wide): the install page with the manifest's
 * scopes, the redirect with a single-use state, the installations stored with their tokens encrypted, and each
 * workspace's commands answered and its posts and standup prompts made with its own token (the fake refuses another
 * workspace's token, and does not find one workspace's channels and people with another's).
 */
@ExtendWith(OutputCaptureExtension.class)
class SlackOAuthInstallTest extends SlackOAuthAdapterTest {

    // Monday 30 November 2026, before the prompts.
    static final java.time.Instant MONDAY = java.time.Instant.parse("2026-11-30T00:00:00Z");

    @Autowired
    MongoTemplate mongo;
    @Autowired
    io.opsbot.core.testing.NudgeDriver driver;

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    }

    @Test
    void theInstallPageAsksForTheManifestScopesWithAFreshStateInAnHttpOnlyCookie() {
        InstallPage page = installPage();

        assertThat(page.response().body()).contains("Add to Slack");
        SlackProperties.OAuth.MANIFEST_SCOPES.forEach(scope -> assertThat(page.response().body()).contains(scope));
        assertThat(page.query("client_id")).isEqualTo(CLIENT_ID);
        assertThat(page.query("scope")).isEqualTo(String.join(",", SlackProperties.OAuth.MANIFEST_SCOPES));
        assertThat(page.query("redirect_uri")).isEqualTo("https://bot.example.com/slack/oauth_redirect");
        assertThat(page.query("state")).isEqualTo(page.state());
        assertThat(page.response().headers().firstValue("set-cookie").orElseThrow())
                .contains("HttpOnly").contains("Secure").contains("Max-Age=600");
        assertThat(page.response().headers().firstValue("cache-control")).contains("no-store");
        assertThat(installPage().state()).as("each visit its own state").isNotEqualTo(page.state());
    }

    @Test
    void twoWorkspacesAndAGridOrgEachAnswerAndPostWithTheirOwnToken(CapturedOutput output) {
        String id = unique();
        Workspace acme = Workspace.team("TA" + id, "UBOTA" + id);
        Workspace globex = Workspace.team("TB" + id, "UBOTB" + id);
        Workspace grid = Workspace.org("E" + id, "UBOTE" + id);
        String acmeToken = "xoxb-acme-" + id;
        String globexToken = "xoxb-globex-" + id;
        String gridToken = "xoxb-grid-" + id;
        install(Install.of(acme, acmeToken));
        install(Install.of(globex, globexToken));
        install(Install.of(grid, gridToken));
        // Each workspace's triage channel exists there only; the org's is in one of its workspaces.
        SLACK.channel("CA" + id, null, acme.teamId());
        SLACK.channel("CB" + id, null, globex.teamId());
        SLACK.channel("CE" + id, grid.enterpriseId(), "TE1" + id);

        for (var where : new Object[][]{{acme, acme.teamId(), "CA" + id, acmeToken},
                {globex, globex.teamId(), "CB" + id, globexToken}, {grid, "TE1" + id, "CE" + id, gridToken}}) {
            Workspace workspace = (Workspace) where[0];
            String team = (String) where[1];
            String channel = (String) where[2];
            String token = (String) where[3];
            assertThat(command(workspace, team, "/feedback", "triage here", channel, "U0ADMIN" + id).body())
                    .contains("posted here");
            HttpResponse<String> saved = command(workspace, team, "/feedback", "Export breaks in " + channel,
                    "C0GENERAL", "U0ANA" + id);
            assertThat(saved.body()).contains("Saved as");

            FakeSlackApi.Call card = SLACK.awaitCall("chat.postMessage", c -> channel.equals(c.param("channel"))
                    && c.param("text").contains("Export breaks in " + channel));
            assertThat(card.token()).isEqualTo(token);
            assertThat(card.response().get("ok").getAsBoolean()).isTrue();
        }

        // Each one's standup prompts go out with its own token, to its own people.
        botClock.set(MONDAY);
        for (var where : new Object[][]{{acme, acme.teamId(), acmeToken}, {globex, globex.teamId(), globexToken},
                {grid, "TE1" + id, gridToken}}) {
            Workspace workspace = (Workspace) where[0];
            String team = (String) where[1];
            String person = "U0P" + team;
            SLACK.user(person, "Pat", "Europe/London", workspace.enterpriseId(), team);
            createStandup(workspace, team, "U0ADMIN" + id, "Daily " + team, team.replace('T', 'C'), person);
        }
        driver.runUntil(MONDAY.plus(Duration.ofHours(9)).plusSeconds(60));
        for (var where : new Object[][]{{acme.teamId(), acmeToken}, {globex.teamId(), globexToken},
                {"TE1" + id, gridToken}}) {
            FakeSlackApi.Call prompt = SLACK.awaitCall("chat.postMessage", c -> ("U0P" + where[0])
                    .equals(c.param("channel")));
            assertThat(prompt.token()).isEqualTo(where[1]);
            assertThat(prompt.param("text")).contains("Daily " + where[0]);
        }
        assertThat(SLACK.calls("chat.postMessage")).allSatisfy(c -> assertThat(c.response().get("ok").getAsBoolean())
                .as("%s refused: %s", c.param("channel"), c.responseBody()).isTrue());

        // Stored per tenant (the org-wide install is the org's), tokens encrypted, and never logged.
        Document acmeRow = mongo.getCollection("slack_installations").find(new Document("_id", "T:" + acme.teamId()))
                .first();
        Document gridRow = mongo.getCollection("slack_installations")
                .find(new Document("_id", "E:" + grid.enterpriseId())).first();
        assertThat(acmeRow.get("botUserId")).isEqualTo(acme.botUserId());
        assertThat(acmeRow.get("installerUserId")).isEqualTo("U0INSTALLER");
        assertThat(acmeRow.get("botScope").toString()).contains("chat:write");
        assertThat(gridRow.getBoolean("enterpriseInstall")).isTrue();
        assertThat(gridRow.get("teamId")).isNull();
        assertThat(gridRow.get("tenant", Document.class).get("tenantId")).isEqualTo(grid.enterpriseId());
        for (Document row : Arrays.asList(acmeRow, gridRow)) {
            assertThat(row.toJson()).doesNotContain("xoxb-").contains("v1:");
        }
        assertThat(output.getAll()).doesNotContain(acmeToken, globexToken, gridToken);
    }

    @Test
    void aWorkspaceThatDidNotInstallIsToldHowToGetTheBot() {
        Workspace stranger = Workspace.team("TZ" + unique(), "UBOTZ");

        HttpResponse<String> refused = command(stranger, stranger.teamId(), "/feedback", "hello", "C1", "U1");

        assertThat(refused.body()).contains("not installed in this workspace")
                .contains("https://bot.example.com/slack/install");
    }

    @Test
    void aStateUsedOnceIsRefusedTheSecondTime() {
        String id = unique();
        InstallPage page = installPage();
        Install first = Install.of(Workspace.team("TR" + id, "UBOTR" + id), "xoxb-replay-" + id);
        SLACK.offerInstall(first);
        assertThat(redirect(first.code(), page.state(), page.state()).statusCode()).isEqualTo(200);

        Install again = Install.of(Workspace.team("TQ" + id, "UBOTQ" + id), "xoxb-replay2-" + id);
        SLACK.offerInstall(again);
        HttpResponse<String> replayed = redirect(again.code(), page.state(), page.state());

        assertThat(replayed.statusCode()).isEqualTo(400);
        assertThat(replayed.body()).contains("expired or was already used").contains("/slack/install");
        assertThat(SLACK.calls("oauth.v2.access")).hasSize(1);
        assertThat(mongo.getCollection("slack_installations").countDocuments(new Document("_id", "T:TQ" + id)))
                .isZero();
    }

    @Test
    void anExpiredStateOrOneWithoutItsCookieIsRefused() {
        String id = unique();
        InstallPage page = installPage();
        Install install = Install.of(Workspace.team("TX" + id, "UBOTX" + id), "xoxb-late-" + id);
        SLACK.offerInstall(install);

        HttpResponse<String> noCookie = redirect(install.code(), page.state(), null);
        HttpResponse<String> otherCookie = redirect(install.code(), page.state(), installPage().state());
        botClock.advance(Duration.ofMinutes(11));
        HttpResponse<String> late;
        try {
            late = redirect(install.code(), page.state(), page.state());
        } finally {
            botClock.advance(Duration.ofMinutes(-11));
        }

        assertThat(noCookie.statusCode()).isEqualTo(400);
        assertThat(otherCookie.statusCode()).isEqualTo(400);
        assertThat(late.statusCode()).isEqualTo(400);
        assertThat(late.body()).contains("expired or was already used");
        assertThat(SLACK.calls("oauth.v2.access")).isEmpty();
    }

    @Test
    void aCodeSlackRefusesInstallsNothing() {
        InstallPage page = installPage();

        HttpResponse<String> refused = redirect("code-nobody-offered", page.state(), page.state());

        assertThat(refused.statusCode()).isEqualTo(502);
        assertThat(refused.body()).contains("Slack did not accept the install (invalid_code)");
    }

    @Test
    void cancellingInSlackShowsWhatHappened() {
        InstallPage page = installPage();

        HttpResponse<String> cancelled = get("/slack/oauth_redirect?error=access_denied&state=" + page.state(),
                page.state());

        assertThat(cancelled.body()).contains("The install was cancelled");
        assertThat(SLACK.calls("oauth.v2.access")).isEmpty();
    }

    @Test
    void withTokenRotationTheTokenIsRefreshedBeforeItExpiresAndTheNewOneUsed() {
        String id = unique();
        Workspace rotating = Workspace.team("TT" + id, "UBOTT" + id);
        // Due for refresh at once: it expires within the two hours before which it is refreshed.
        install(Install.of(rotating, "xoxe.xoxb-first-" + id).rotating(600));
        SLACK.channel("CT" + id, null, rotating.teamId());

        assertThat(command(rotating, rotating.teamId(), "/feedback", "triage here", "CT" + id, "U0A" + id).body())
                .contains("posted here");
        command(rotating, rotating.teamId(), "/feedback", "Rotated " + id, "C0GENERAL", "U0B" + id);

        FakeSlackApi.Call refresh = SLACK.awaitCall("oauth.v2.access",
                c -> "refresh_token".equals(c.param("grant_type")));
        String refreshed = refresh.response().get("access_token").getAsString();
        FakeSlackApi.Call card = SLACK.awaitCall("chat.postMessage", c -> ("CT" + id).equals(c.param("channel")));
        assertThat(card.token()).isEqualTo(refreshed).isNotEqualTo("xoxe.xoxb-first-" + id);
        assertThat(SLACK.calls("oauth.v2.access")).filteredOn(c -> "refresh_token".equals(c.param("grant_type")))
                .as("refreshed once, then good for 12 hours").hasSize(1);
        Document row = mongo.getCollection("slack_installations").find(new Document("_id", "T:" + rotating.teamId()))
                .first();
        assertThat(row.getDate("botTokenExpiresAt").toInstant()).isAfter(java.time.Instant.now()
                .plus(Duration.ofHours(11)));
    }

    @Test
    void tenantOfAnOrgWideInstallIsTheOrg() {
        String id = unique();
        Workspace grid = Workspace.org("EG" + id, "UBOTG" + id);
        install(Install.of(grid, "xoxb-org-" + id));

        HttpResponse<String> fromOneWorkspace = command(grid, "TG1" + id, "/feedback", "From one " + id, "C1", "U1");
        HttpResponse<String> fromAnother = command(grid, "TG2" + id, "/feedback", "From another " + id, "C1", "U2");

        assertThat(fromOneWorkspace.body()).contains("Saved as FB-1");
        assertThat(fromAnother.body()).as("one org, one numbering").contains("Saved as FB-2");
        assertThat(mongo.getCollection(io.opsbot.core.feedback.FeedbackItem.COLLECTION).countDocuments(new Document("tenant",
                new Document("platform", "SLACK").append("tenantId", grid.enterpriseId())))).isEqualTo(2);
        assertThat(TenantRef.slack(grid.enterpriseId()).key()).isEqualTo("SLACK:" + grid.enterpriseId());
    }
}
