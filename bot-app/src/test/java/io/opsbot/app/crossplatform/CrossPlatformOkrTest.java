package io.opsbot.app.crossplatform;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsbot.core.access.AccessPolicy;
import io.opsbot.core.access.Role;
import io.opsbot.core.audit.Actor;
import io.opsbot.core.delivery.Outbox;
import io.opsbot.core.okr.CheckIn;
import io.opsbot.core.okr.CheckInService;
import io.opsbot.core.okr.Confidence;
import io.opsbot.core.okr.KeyResult;
import io.opsbot.core.okr.KeyResultDraft;
import io.opsbot.core.okr.KeyResultService;
import io.opsbot.core.okr.MetricType;
import io.opsbot.core.okr.Objective;
import io.opsbot.core.okr.ObjectiveDraft;
import io.opsbot.core.okr.ObjectiveService;
import io.opsbot.core.okr.OkrCycleService;
import io.opsbot.core.okr.OkrNudges;
import io.opsbot.core.okr.OkrSettingsService;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.schedule.Nudge;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.core.testing.MongoTestServer;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.core.testing.NudgeDriver;
import io.opsbot.slack.testing.FakeSlackApi;
import io.opsbot.slack.testing.SlackAdapterTest;
import io.opsbot.teams.testing.FakeBotConnector;
import io.opsbot.teams.testing.FakeBotConnector.Recorded;
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

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.opsbot.teams.testing.AdaptiveCards.buttons;
import static io.opsbot.teams.testing.AdaptiveCards.card;
import static io.opsbot.teams.testing.AdaptiveCards.data;
import static io.opsbot.teams.testing.AdaptiveCards.submitData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * OKR check-ins across Slack and Teams, end to end through both adapters: Cy owns a key result of the Slack
 * workspace and linked his Teams identity (choosing Teams by sending the code there). He is prompted in his Teams chat,
 * not on Slack, answers there (in the chat and with the card's form), and the check-ins are stored as Slack Cy's.
 * Dee, on Teams and never linked, cannot check in on it.
 */
@SpringBootTest(classes = BothPlatformsTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.quartz.auto-startup=false", "opsbot.teams.app-id=", "opsbot.teams.app-password=",
                "opsbot.teams.local-mode=true",
                "opsbot.teams.limits.conversation-per-second=10000", "opsbot.teams.limits.conversation-burst=10000",
                "opsbot.teams.limits.tenant-per-second=10000", "opsbot.teams.limits.tenant-burst=10000"})
@ContextConfiguration(initializers = MongoTestServer.Initializer.class)
class CrossPlatformOkrTest {

    static final FakeSlackApi SLACK = new FakeSlackApi();
    static final FakeBotConnector TEAMS = FakeBotConnector.start();
    static final String ADMIN = "U0ADMIN";
    static final String CY = "U0CY";
    static final String EVE = "U0EVE";
    static final String CY_AAD = "c0000000-0000-4000-8000-00000000c0c0";
    static final String DEE_AAD = "d0000000-0000-4000-8000-00000000dede";
    static final String RIDO_AAD = CrossPlatformStandupTest.RIDO_AAD;
    static final String RIDO_29 = CrossPlatformStandupTest.RIDO_29;
    static final String OKR_CHANNEL = "C0OKR";
    static final String TEAMS_CHANNEL = CrossPlatformStandupTest.TEAMS_CHANNEL;
    /** The Monday digest after the first check-in prompt (12:00 UTC). */
    static final Instant DIGEST_DUE = Instant.parse("2026-12-07T12:01:00Z");
    static final TenantRef WORKSPACE = TenantRef.slack(FakeSlackApi.TEAM_ID);
    /** Friday after the first prompt (15:00 in Berlin). */
    static final Instant AFTER_PROMPT = Instant.parse("2026-12-04T14:01:00Z");

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    NudgeDriver driver;
    @Autowired
    Outbox outbox;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    AccessPolicy access;
    @Autowired
    OkrCycleService cycles;
    @Autowired
    ObjectiveService objectives;
    @Autowired
    KeyResultService keyResults;
    @Autowired
    CheckInService checkIns;
    @Autowired
    OkrSettingsService settings;
    @Autowired
    OkrNudges okrNudges;

    BothPlatforms both;

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
        SLACK.user(ADMIN, "Ada Admin", "Europe/Berlin", false);
        SLACK.user(CY, "Cy", "Europe/Berlin", false);
    }

    @Test
    void aLinkedOwnerIsPromptedOnTeamsAndHisTeamsAnswersAreHisAndAnUnlinkedTeamsUserIsRefused() {
        BothPlatforms.TeamsPerson cy = both.teamsPerson("cy", "Cy", CY_AAD);
        BothPlatforms.TeamsPerson dee = both.teamsPerson("dee", "Dee", DEE_AAD);
        both.link(CY, cy);
        KeyResult kr = keyResultOwnedBy(new UserRef(WORKSPACE, CY));

        driver.runUntil(AFTER_PROMPT);

        Recorded prompt = both.awaitTeams(both.chatOf(CY_AAD), "Time to check in");
        both.awaitTeams(both.chatOf(CY_AAD), "What is " + kr.reference());
        assertThat(SLACK.calls("chat.postMessage")).as("not asked on Slack")
                .noneMatch(c -> CY.equals(c.param("channel")) || ("D" + CY).equals(c.param("channel")));

        // Dee never linked: the button of Cy's card and a reply in her chat record nothing.
        JsonNode checkIn = buttons(card(prompt)).get(0);
        int before = both.mine().size();
        assertThat(both.teamsSend(both.teamsClick(dee, prompt, checkIn.path("verb").asText(), data(checkIn))).body())
                .as("refused, telling nothing of the workspace").contains("That key result no longer exists");
        both.teamsDm(dee, "9");
        assertThat(both.mine().subList(before, both.mine().size())).as("no check-in form for Dee")
                .noneMatch(r -> r.text().contains("Input.Number"));
        assertThat(checkIns.history(kr, 10)).isEmpty();

        // Cy answers the questions in his Teams chat.
        both.teamsDm(cy, "7");
        both.teamsDm(cy, "at risk");
        both.teamsDm(cy, "Two pilots went live");
        both.awaitTeams(both.chatOf(CY_AAD), "Checked in");
        List<CheckIn> recorded = checkIns.history(kr, 10);
        assertThat(recorded).singleElement().satisfies(c -> {
            assertThat(c.getBy()).isEqualTo(new UserRef(WORKSPACE, CY));
            assertThat(c.getValue()).isEqualByComparingTo("7");
            assertThat(c.getConfidence()).isEqualTo(Confidence.AT_RISK);
            assertThat(c.getComment()).isEqualTo("Two pilots went live");
            assertThat(c.getSource()).isEqualTo(CheckIn.Source.DIRECT_MESSAGE);
        });

        // And with the card's button: the form, submitted on Teams, is his check-in too.
        int beforeForm = both.mine().size();
        both.teamsSend(both.teamsClick(cy, prompt, checkIn.path("verb").asText(), data(checkIn)));
        Recorded form = await().atMost(Duration.ofSeconds(10)).until(() -> both.mine()
                .subList(beforeForm, both.mine().size()).stream()
                .filter(r -> r.text().contains("Input.Number")).findFirst(), Optional::isPresent).orElseThrow();
        both.teamsSend(both.teamsDmActivity(cy, null).without("text").replyToId(form.responseId())
                .value(submitData(form, Map.of("value", "8", "confidence", "ON_TRACK", "comment", "Third one"))));
        await().atMost(Duration.ofSeconds(10)).until(() -> checkIns.history(kr, 10).size() == 2);
        CheckIn latest = checkIns.history(kr, 10).get(0);
        assertThat(latest.getBy()).isEqualTo(new UserRef(WORKSPACE, CY));
        assertThat(latest.getSource()).isEqualTo(CheckIn.Source.FORM);
        assertThat(keyResults.keyResult(WORKSPACE, kr.getId()).orElseThrow().getCurrent())
                .isEqualByComparingTo("8");
        assertThat(SLACK.calls("chat.postMessage")).noneMatch(c -> CY.equals(c.param("channel")));
    }

    /**
     * The Slack workspace's admin, linked to Rido on Teams, types okr mirror in a Teams channel: the weekly digest is
     * posted in the Slack OKR channel and in that Teams channel, each once, even when the digest fires again.
     * Dee, never linked, is refused. okr mirror off stops it.
     */
    @Test
    void aLinkedAdminMirrorsTheDigestIntoATeamsChannelAndAnUnlinkedTeamsUserIsRefused() {
        BothPlatforms.TeamsPerson rido = new BothPlatforms.TeamsPerson(RIDO_29, "rido", RIDO_AAD);
        BothPlatforms.TeamsPerson dee = both.teamsPerson("dee", "Dee", DEE_AAD);
        // Eve, not Cy: the other test's prompts for Cy stay its own.
        SLACK.user(EVE, "Eve", "Europe/Berlin", false);
        keyResultOwnedBy(new UserRef(WORKSPACE, EVE));
        settings.setChannel(Actor.inChat(new UserRef(WORKSPACE, ADMIN), "Ada Admin"),
                new Destination.Channel(WORKSPACE, OKR_CHANNEL));

        String refused = BothPlatforms.textOf(both.teamsReplies(both.channel("okr mirror")
                .from(dee.id(), dee.name(), dee.aad())));
        assertThat(refused).contains("Only an admin").contains("linked identity");
        assertThat(settings.get(WORKSPACE).getMirror()).isNull();

        both.link(ADMIN, rido);
        assertThat(BothPlatforms.textOf(both.teamsReplies(both.channel("okr mirror"))))
                .contains("weekly OKR digest will be posted here too");
        assertThat(settings.get(WORKSPACE).getMirror())
                .isEqualTo(new Destination.Channel(TenantRef.teams(both.tenantId), TEAMS_CHANNEL));
        assertThat(BothPlatforms.textOf(both.teamsReplies(both.channel("okr channel")))).as("Rido's own Teams "
                + "tenant has no OKR channel; its mirror is the Slack workspace's").contains("No OKR channel yet");
        assertThat(both.slashCommand("/okr", "channel", OKR_CHANNEL, ADMIN).body())
                .contains("also posted in a Microsoft Teams channel");

        driver.runUntil(DIGEST_DUE);

        both.awaitSlack(OKR_CHANNEL, "Weekly OKR digest");
        both.awaitTeams(TEAMS_CHANNEL, "Weekly OKR digest");
        okrNudges.fire(new Nudge(OkrNudges.DIGEST, WORKSPACE.key(), "", Instant.parse("2026-12-07T12:00:00Z")));
        driver.awaitOutboundIdle();
        both.delivered(() -> null);
        assertThat(SLACK.calls("chat.postMessage")).as("once in the Slack OKR channel")
                .filteredOn(c -> OKR_CHANNEL.equals(c.param("channel")) && c.param("text") != null
                        && c.param("text").contains("Weekly OKR digest")).hasSize(1);
        assertThat(both.mine()).as("once in the Teams channel").filteredOn(r -> TEAMS_CHANNEL.equals(
                r.conversationId()) && r.text().contains("Weekly OKR digest")).hasSize(1);

        assertThat(BothPlatforms.textOf(both.teamsReplies(both.channel("okr mirror off"))))
                .contains("OKR channel only");
        assertThat(settings.get(WORKSPACE).getMirror()).isNull();
    }

    private KeyResult keyResultOwnedBy(UserRef owner) {
        UserRef admin = new UserRef(WORKSPACE, ADMIN);
        access.grant(admin, Role.ADMIN);
        Actor by = Actor.inChat(admin, "Ada Admin");
        Objective objective = objectives.create(by, new ObjectiveDraft(cycles.currentOrNewCycle(WORKSPACE).getId(),
                "Grow usage", owner, null, null));
        return keyResults.create(by, new KeyResultDraft(objective.getId(), "Teams using the bot", owner,
                MetricType.NUMBER, BigDecimal.ZERO, BigDecimal.TEN, null, null, null));
    }
}
