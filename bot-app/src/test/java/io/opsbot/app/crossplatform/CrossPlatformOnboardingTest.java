package io.opsbot.app.crossplatform;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsbot.core.delivery.Outbox;
import io.opsbot.core.onboarding.OnboardingRun;
import io.opsbot.core.onboarding.OnboardingService;
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

import java.time.Duration;
import java.time.Instant;

import static io.opsbot.teams.testing.AdaptiveCards.buttons;
import static io.opsbot.teams.testing.AdaptiveCards.card;
import static io.opsbot.teams.testing.AdaptiveCards.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Onboarding across Slack and Teams, end to end through both adapters: Cy, a new hire of the Slack workspace, linked
 * his Teams identity and chose Teams, so his steps come to his Teams chat (not Slack) and Done there completes the
 * step of his Slack run. Dee, on Teams and never linked, pressing the same button completes nothing.
 */
@SpringBootTest(classes = BothPlatformsTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.quartz.auto-startup=false", "opsbot.teams.app-id=", "opsbot.teams.app-password=",
                "opsbot.teams.local-mode=true",
                "opsbot.teams.limits.conversation-per-second=10000", "opsbot.teams.limits.conversation-burst=10000",
                "opsbot.teams.limits.tenant-per-second=10000", "opsbot.teams.limits.tenant-burst=10000"})
@ContextConfiguration(initializers = MongoTestServer.Initializer.class)
class CrossPlatformOnboardingTest {

    static final FakeSlackApi SLACK = new FakeSlackApi();
    static final FakeBotConnector TEAMS = FakeBotConnector.start();
    static final String ADMIN = "U0ADMIN";
    static final String CY = "U0CY";
    static final String CY_AAD = "c0000000-0000-4000-8000-00000000c0c0";
    static final String DEE_AAD = "d0000000-0000-4000-8000-00000000dede";
    static final TenantRef WORKSPACE = TenantRef.slack(FakeSlackApi.TEAM_ID);

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    Outbox outbox;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    NudgeDriver driver;
    @Autowired
    OnboardingService onboarding;

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
        for (String[] p : new String[][] {{ADMIN, "Ada Admin"}, {CY, "Cy"}}) {
            SLACK.user(p[0], p[1], "Europe/Berlin", false);
        }
    }

    @Test
    void aLinkedHireGetsHisStepsOnTeamsAndCompletesThemThereAndAnUnlinkedTeamsUserCannot() {
        BothPlatforms.TeamsPerson cy = both.teamsPerson("cy", "Cy", CY_AAD);
        BothPlatforms.TeamsPerson dee = both.teamsPerson("dee", "Dee", DEE_AAD);
        both.link(CY, cy);
        OnboardingRun run = onboarding.start(new UserRef(WORKSPACE, CY), "Cy", "welcome",
                new UserRef(WORKSPACE, ADMIN), null).run();
        driver.runUntil(Instant.parse("2026-11-30T12:00:00Z"));

        Recorded step = both.awaitTeams(both.chatOf(CY_AAD), "Step 1 of");
        assertThat(SLACK.calls("chat.postMessage")).as("Cy gets no steps on Slack")
                .noneMatch(c -> CY.equals(c.param("channel")));
        JsonNode done = buttons(card(step)).stream().filter(b -> b.path("title").asText().equals("Done"))
                .findFirst().orElseThrow();

        both.teamsSend(both.teamsClick(dee, step, done.path("verb").asText(), data(done)));
        assertThat(onboarding.find(run.getId()).orElseThrow().done(0)).isFalse();

        both.teamsSend(both.teamsClick(cy, step, done.path("verb").asText(), data(done)));
        await().atMost(Duration.ofSeconds(10)).until(() -> onboarding.find(run.getId()).orElseThrow().done(0));
        assertThat(onboarding.find(run.getId()).orElseThrow().getUser()).isEqualTo(new UserRef(WORKSPACE, CY));
    }
}
