package io.opsbot.app.crossplatform;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.gson.JsonObject;
import io.opsbot.core.delivery.Outbox;
import io.opsbot.core.standup.Standup;
import io.opsbot.core.standup.StandupService;
import io.opsbot.core.testing.MongoTestServer;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.core.testing.NudgeDriver;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.slack.testing.FakeSlackApi;
import io.opsbot.slack.testing.SignedSlackRequests;
import io.opsbot.slack.testing.SlackAdapterTest;
import io.opsbot.slack.testing.ViewSubmission;
import io.opsbot.teams.testing.FakeBotConnector;
import io.opsbot.teams.testing.FakeBotConnector.Recorded;
import io.opsbot.teams.testing.TeamsFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.opsbot.app.crossplatform.BothPlatforms.code;
import static io.opsbot.app.crossplatform.BothPlatforms.textOf;
import static io.opsbot.teams.testing.AdaptiveCards.buttons;
import static io.opsbot.teams.testing.AdaptiveCards.card;
import static io.opsbot.teams.testing.AdaptiveCards.data;
import static io.opsbot.teams.testing.AdaptiveCards.inputs;
import static io.opsbot.teams.testing.AdaptiveCards.submitData;
import static io.opsbot.teams.testing.AdaptiveCards.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One standup across Slack and Teams, end to end through both adapters: signed Slack requests against the fake Slack
 * Web API, Teams activities against a fake Bot Connector, one database. Two people are only on Slack (Ana, Bo); two
 * (Cy, Dee) linked their Teams identities with a one-time code and are asked there. The standup belongs to the Slack
 * workspace; its manager, linked too, has its summary posted in a Teams channel as well.
 */
@SpringBootTest(classes = BothPlatformsTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.quartz.auto-startup=false", "opsbot.teams.app-id=", "opsbot.teams.app-password=",
                "opsbot.teams.local-mode=true",
                "opsbot.teams.limits.conversation-per-second=10000", "opsbot.teams.limits.conversation-burst=10000",
                "opsbot.teams.limits.tenant-per-second=10000", "opsbot.teams.limits.tenant-burst=10000"})
@ContextConfiguration(initializers = MongoTestServer.Initializer.class)
class CrossPlatformStandupTest {

    static final FakeSlackApi SLACK = new FakeSlackApi();
    static final FakeBotConnector TEAMS = FakeBotConnector.start();
    static final String SUMMARY_CHANNEL = "C0STANDUP";
    static final String TEAMS_CHANNEL = TeamsFixtures.CHANNEL;
    static final String ADMIN = "U0ADMIN";
    static final String ANA = "U0ANA";
    static final String BO = "U0BO";
    static final String CY = "U0CY";
    static final String DEE = "U0DEE";
    static final String CY_AAD = "c0000000-0000-4000-8000-00000000c0c0";
    static final String DEE_AAD = "d0000000-0000-4000-8000-00000000dede";
    static final String RIDO_AAD = "b15a9416-0ad3-4172-9210-7beb711d3f70";
    static final String RIDO_29 = "29:17bUvCasIPKfQIXHvNzcPjD86fwm6GkWc1PvCGP2-NSkNb7AyGYpjQ7Xw-XgTwaHW5JxZ4KMNDxn1kcL8fwX1Nw";

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    NudgeDriver driver;
    @Autowired
    StandupService standups;
    @Autowired
    Outbox outbox;
    @Autowired
    MongoTemplate mongo;

    BothPlatforms both;
    SignedSlackRequests slack;
    String tenantId;
    String name;

    @DynamicPropertySource
    static void slackProperties(DynamicPropertyRegistry registry) {
        registry.add("opsbot.slack.bot-token", () -> FakeSlackApi.TOKEN);
        registry.add("opsbot.slack.signing-secret", () -> SlackAdapterTest.SIGNING_SECRET);
        SlackAdapterTest.againstTheFake(registry, SLACK);
    }

    @AfterAll
    static void stopFakes() {
        SLACK.close();
        TEAMS.close();
    }

    @BeforeEach
    void setUp() {
        clock.set(BothPlatformsTestApplication.MONDAY_EARLY);
        SLACK.reset();
        TEAMS.clear();
        both = new BothPlatforms(SLACK, TEAMS, port, clock, outbox, mongo);
        slack = both.slack;
        tenantId = both.tenantId;
        name = "Launch " + UUID.randomUUID().toString().substring(0, 6);
        SLACK.user(ADMIN, "Ada Admin", "Europe/Berlin", false);
        SLACK.user(ANA, "Ana", "Europe/Berlin", false);
        SLACK.user(BO, "Bo", "Europe/Berlin", false);
        SLACK.user(CY, "Cy", "Europe/Berlin", false);
        SLACK.user(DEE, "Dee", "Europe/Berlin", false);
    }

    @Test
    void oneStandupAsksEachPersonOnceWhereTheyAreAndBothSummariesShowEveryAnswerAndEdit() {
        both.link(CY, cy());
        both.link(DEE, dee());
        both.link(ADMIN, rido());
        createStandup();
        String mirrored = textOf(both.teamsReplies(both.channel("standup mirror " + name)));
        assertThat(mirrored).contains("summary will be posted in this channel too");

        driver.runUntil(Instant.parse("2026-11-30T08:01:00Z"));

        // Ana and Bo are asked in Slack DMs, Cy and Dee in their Teams chats: each once, nowhere else.
        both.awaitSlack(ANA, "Time for " + name);
        both.awaitSlack(BO, "Time for " + name);
        both.awaitTeams(both.chatOf(CY_AAD), "Time for");
        both.awaitTeams(both.chatOf(DEE_AAD), "Time for");
        FakeSlackApi.Call slackSummary = both.awaitSlack(SUMMARY_CHANNEL, name);
        Recorded teamsSummary = both.awaitTeams(TEAMS_CHANNEL, name);
        assertThat(SLACK.calls("chat.postMessage")).noneMatch(c -> CY.equals(c.param("channel"))
                || DEE.equals(c.param("channel")));
        assertThat(TEAMS.createdConversations()).as("nobody on Slack is looked for on Teams").isEmpty();

        // Ana answers on Slack, Cy on Teams.
        both.slackDm(ANA, "Release notes");
        both.slackDm(ANA, "Demo prep");
        both.slackDm(ANA, "none");
        both.teamsDm(cy(), "Fixed the login bug");
        both.teamsDm(cy(), "Pair with Ana");
        both.teamsDm(cy(), "Waiting for VPN access");

        String slackThread = slackSummary.response().get("ts").getAsString();
        String teamsThread = TEAMS_CHANNEL + ";messageid=" + teamsSummary.responseId();
        FakeSlackApi.Call cyReportOnSlack = SLACK.awaitCall("chat.postMessage", c -> slackThread.equals(
                c.param("thread_ts")) && c.param("text").contains("Cy is blocked"));
        Recorded cyReportOnTeams = both.awaitTeams(teamsThread, "Cy is blocked");
        both.awaitTeams(teamsThread, "Ana's standup update");
        assertThat(cyReportOnSlack.param("blocks")).contains("Waiting for VPN access");
        assertThat(String.join("\n", texts(card(cyReportOnTeams)))).contains("Waiting for VPN access");
        awaitSlackSummary(slackSummary, "2 of 4 answered", "Waiting for VPN access");
        awaitTeamsSummary(teamsSummary, "2 of 4 answered", "Waiting for VPN access");

        // Cy edits on Slack what he answered on Teams; Dee answers in the Teams form.
        HttpResponse<String> answer = both.slashCommand("/standup", "answer " + name, "D" + CY, CY);
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonObject view = SLACK.awaitCall("views.open", c -> true).jsonParam("view").getAsJsonObject();
        assertThat(view.toString()).contains("Waiting for VPN access");
        HttpResponse<String> edited = slack.interaction(ViewSubmission.of("standup.answer").user(CY)
                .privateMetadata(view.get("private_metadata").getAsString())
                .plainTextInput("q0", "Fixed the login bug").plainTextInput("q1", "Pair with Ana")
                .plainTextInput("q2", "Waiting for the staging database").json());
        assertThat(edited.body()).doesNotContain("errors");

        // Dee, asked on Teams, opens the form from her prompt's button (a linked person acts on the Slack standup).
        Recorded deePrompt = both.awaitTeams(both.chatOf(DEE_AAD), "Time for");
        JsonNode answerButton = buttons(card(deePrompt)).get(0);
        int before = both.mine().size();
        both.teamsSend(both.teamsClick(dee(), deePrompt, answerButton.path("verb").asText(), data(answerButton)));
        Recorded deeForm = await().atMost(Duration.ofSeconds(10)).until(() -> both.mine()
                .subList(before, both.mine().size())
                .stream().filter(r -> r.text().contains("Input.Text")).findFirst(), Optional::isPresent).orElseThrow();
        assertThat(inputs(card(deeForm))).extracting(i -> i.path("id").asText()).containsExactly("q0", "q1", "q2");
        both.teamsSend(both.teamsDmActivity(dee(), null).without("text").replyToId(deeForm.responseId())
                .value(submitData(deeForm, Map.of("q0", "Interviews", "q1", "Roadmap", "q2", "no"))));

        await().atMost(Duration.ofSeconds(10)).until(() -> both.delivered(() -> SLACK.calls("chat.update").stream()
                .anyMatch(c -> c.param("text") != null && c.param("text").contains("Cy is blocked")
                        && c.param("blocks").contains("Waiting for the staging database"))));
        await().atMost(Duration.ofSeconds(10)).until(() -> both.delivered(() -> TEAMS.updatedActivities().stream()
                .anyMatch(u -> u.path().endsWith("/activities/" + cyReportOnTeams.responseId())
                        && String.join("\n", texts(card(u))).contains("Waiting for the staging database"))));
        both.awaitTeams(teamsThread, "Dee's standup update");
        SLACK.awaitCall("chat.postMessage", c -> slackThread.equals(c.param("thread_ts"))
                && c.param("text").contains("Dee"));
        awaitSlackSummary(slackSummary, "3 of 4 answered", "Waiting for the staging database");
        awaitTeamsSummary(teamsSummary, "3 of 4 answered", "Waiting for the staging database");

        // Still each asked once, after the reminders too.
        driver.runUntil(Instant.parse("2026-11-30T09:30:00Z"));
        both.awaitSlack(BO, "Reminder");
        assertThat(SLACK.calls("chat.postMessage").stream().filter(c -> c.param("text") != null
                && c.param("text").startsWith("Time for")).map(c -> c.param("channel")))
                .containsExactlyInAnyOrder(ANA, BO);
        assertThat(TEAMS.sentActivities().stream().filter(r -> r.text().contains("Time for"))
                .map(Recorded::conversationId)).containsExactlyInAnyOrder(both.chatOf(CY_AAD),
                both.chatOf(DEE_AAD));
        assertThat(TEAMS.sentActivities()).noneMatch(r -> r.text().contains("Reminder"));
    }

    @Test
    void codesAreSingleUseExpireAndWorkOnlyFromTheOtherPlatformAndUnlinkedPeopleSeeNothing() {
        String code = code(both.slashCommand("/opsbot", "link", "D" + ANA, ANA).body());
        assertThat(textOf(both.teamsReplies(both.teamsDmActivity(cy(), "opsbot link " + code.toLowerCase()))))
                .contains("Linked with your Slack identity");
        assertThat(textOf(both.teamsReplies(both.teamsDmActivity(dee(), "opsbot link " + code))))
                .as("used once").contains("not valid");
        String sameSide = code(both.slashCommand("/opsbot", "link", "D" + BO, BO).body());
        assertThat(both.slashCommand("/opsbot", "link " + sameSide, "D" + BO, BO).body())
                .as("sent on the same platform").contains("Send this code on Microsoft Teams");

        clock.set(clock.instant().plusSeconds(1));
        String late = code(both.slashCommand("/opsbot", "link", "D" + BO, BO).body());
        clock.set(clock.instant().plus(Duration.ofMinutes(11)));
        assertThat(textOf(both.teamsReplies(both.teamsDmActivity(dee(), "opsbot link " + late))))
                .contains("not valid");

        createStandup();
        // Dee never linked: the Slack workspace's standup does not exist for her; Ana's Teams identity sees it.
        assertThat(textOf(both.teamsReplies(both.teamsDmActivity(dee(), "standup answer " + name))))
                .contains("There are no standups here yet");
        assertThat(textOf(both.teamsReplies(both.teamsDmActivity(dee(), "standup mirror " + name))))
                .doesNotContain(name + "'s daily summary");
        assertThat(textOf(both.teamsReplies(both.teamsDmActivity(cy(), "standup")))).contains(name);
        assertThat(standups.inTenant(TenantRef.teams(tenantId))).isEmpty();
    }

    // ---- people ---------------------------------------------------------------------------------------------------

    private BothPlatforms.TeamsPerson cy() {
        return both.teamsPerson("cy", "Cy", CY_AAD);
    }

    private BothPlatforms.TeamsPerson dee() {
        return both.teamsPerson("dee", "Dee", DEE_AAD);
    }

    private BothPlatforms.TeamsPerson rido() {
        return new BothPlatforms.TeamsPerson(RIDO_29, "rido", RIDO_AAD);
    }

    private void createStandup() {
        assertThat(both.slashCommand("/standup", "new", "C0ADMIN", ADMIN).statusCode()).isEqualTo(200);
        JsonObject view = SLACK.awaitCall("views.open", c -> true).jsonParam("view").getAsJsonObject();
        HttpResponse<String> saved = slack.interaction(ViewSubmission.of("standup.edit").user(ADMIN)
                .privateMetadata(view.get("private_metadata").getAsString())
                .plainTextInput("name", name)
                .conversationsSelect("channel", SUMMARY_CHANNEL)
                .multiUsersSelect("participants", ANA, BO, CY, DEE)
                .checkboxes("days", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")
                .timepicker("time", "09:00")
                .staticSelect("zone_mode", "TEAM")
                .plainTextInput("zone", "Europe/Berlin")
                .plainTextInput("questions", "What did you do yesterday?\nWhat will you do today?\n"
                        + "Anything blocking you?")
                .numberInput("reminder", "60")
                .numberInput("cutoff", "4")
                .json());
        assertThat(saved.body()).doesNotContain("errors");
        assertThat(standups.inTenant(TenantRef.slack(FakeSlackApi.TEAM_ID))).extracting(Standup::getName)
                .contains(name);
        SLACK.reset();
        setUpSlackPeople();
    }

    private void setUpSlackPeople() {
        for (String[] p : new String[][] {{ADMIN, "Ada Admin"}, {ANA, "Ana"}, {BO, "Bo"}, {CY, "Cy"}, {DEE, "Dee"}}) {
            SLACK.user(p[0], p[1], "Europe/Berlin", false);
        }
    }

    // ---- Slack in and out -----------------------------------------------------------------------------------------

    private void awaitSlackSummary(FakeSlackApi.Call summary, String... parts) {
        String ts = summary.response().get("ts").getAsString();
        await().atMost(Duration.ofSeconds(10)).until(() -> both.delivered(() -> SLACK.calls("chat.update").stream()
                .filter(c -> ts.equals(c.param("ts"))).reduce((a, b) -> b)
                .map(c -> c.param("text") + c.param("blocks"))
                .filter(all -> List.of(parts).stream().allMatch(all::contains)).isPresent()));
    }

    // ---- Teams in and out -----------------------------------------------------------------------------------------

    private void awaitTeamsSummary(Recorded summary, String... parts) {
        await().atMost(Duration.ofSeconds(10)).until(() -> both.delivered(() -> {
            List<Recorded> updates = TEAMS.updatedActivities().stream()
                    .filter(r -> r.path().endsWith("/activities/" + summary.responseId())).toList();
            String latest = String.join("\n", texts(card(updates.isEmpty() ? summary
                    : updates.get(updates.size() - 1))));
            return List.of(parts).stream().allMatch(latest::contains);
        }));
    }
}
