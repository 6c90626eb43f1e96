package io.opsbot.app.crossplatform;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsbot.core.access.AccessPolicy;
import io.opsbot.core.access.Role;
import io.opsbot.core.delivery.Outbox;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.core.testing.MongoTestServer;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.core.testing.Tenants;
import io.opsbot.core.training.SessionDraft;
import io.opsbot.core.training.TrainingSession;
import io.opsbot.core.training.TrainingSessionService;
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
import java.time.ZoneId;
import java.util.List;

import static io.opsbot.teams.testing.AdaptiveCards.buttons;
import static io.opsbot.teams.testing.AdaptiveCards.card;
import static io.opsbot.teams.testing.AdaptiveCards.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A training of the Slack workspace across Slack and Teams, end to end through both adapters: Cy is invited, linked
 * his Teams identity and chose Teams, so his invitation comes to his Teams chat (not Slack) and his Attend there is
 * stored as Slack Cy's answer. Dee, on Teams and never linked, clicking the same button changes nothing.
 */
@SpringBootTest(classes = BothPlatformsTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.quartz.auto-startup=false", "opsbot.teams.app-id=", "opsbot.teams.app-password=",
                "opsbot.teams.local-mode=true",
                "opsbot.teams.limits.conversation-per-second=10000", "opsbot.teams.limits.conversation-burst=10000",
                "opsbot.teams.limits.tenant-per-second=10000", "opsbot.teams.limits.tenant-burst=10000"})
@ContextConfiguration(initializers = MongoTestServer.Initializer.class)
class CrossPlatformTrainingTest {

    static final FakeSlackApi SLACK = new FakeSlackApi();
    static final FakeBotConnector TEAMS = FakeBotConnector.start();
    static final String ADMIN = "U0ADMIN";
    static final String ANA = "U0ANA";
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
    AccessPolicy access;
    @Autowired
    TrainingSessionService trainings;

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
        for (String[] p : new String[][] {{ADMIN, "Ada Admin"}, {ANA, "Ana"}, {CY, "Cy"}}) {
            SLACK.user(p[0], p[1], "Europe/Berlin", false);
        }
    }

    @Test
    void aLinkedInviteeIsInvitedOnTeamsAndHisAnswerThereIsHisAndAnUnlinkedTeamsUserChangesNothing() {
        BothPlatforms.TeamsPerson cy = both.teamsPerson("cy", "Cy", CY_AAD);
        BothPlatforms.TeamsPerson dee = both.teamsPerson("dee", "Dee", DEE_AAD);
        both.link(CY, cy);
        access.grant(new UserRef(WORKSPACE, ADMIN), Role.ADMIN);
        TrainingSession session = trainings.schedule(Tenants.inChannel(WORKSPACE, ADMIN, "Ada Admin", "C0ADMIN"),
                new SessionDraft("Roadmap tooling", "How we plan in the new tool.", null,
                        Instant.parse("2026-12-03T10:00:00Z"), ZoneId.of("Europe/Berlin"),
                        List.of(new UserRef(WORKSPACE, ANA), new UserRef(WORKSPACE, CY))));

        both.awaitSlack(ANA, "Training invitation");
        Recorded invitation = both.awaitTeams(both.chatOf(CY_AAD), "Roadmap tooling");
        assertThat(SLACK.calls("chat.postMessage")).as("Cy is not invited on Slack")
                .noneMatch(c -> CY.equals(c.param("channel")));
        JsonNode attend = buttons(card(invitation)).stream().filter(b -> b.path("title").asText().equals("Attend"))
                .findFirst().orElseThrow();

        both.teamsSend(both.teamsClick(dee, invitation, attend.path("verb").asText(), data(attend)));
        assertThat(trainings.find(session.getId()).orElseThrow().getRsvps()).isEmpty();

        both.teamsSend(both.teamsClick(cy, invitation, attend.path("verb").asText(), data(attend)));
        await().atMost(Duration.ofSeconds(10)).until(() -> trainings.find(session.getId()).orElseThrow()
                .getRsvps().containsKey(CY));
        assertThat(trainings.find(session.getId()).orElseThrow().getRsvps().get(CY).answer())
                .isEqualTo(TrainingSession.Answer.ATTENDING);
    }
}
