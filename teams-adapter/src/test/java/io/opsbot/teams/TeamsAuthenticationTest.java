package io.opsbot.teams;

import io.opsbot.core.feedback.FeedbackRepository;
import io.opsbot.core.testing.MongoTestServer;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.teams.conversations.ConversationReferences;
import io.opsbot.teams.testing.FakeBotConnector;
import io.opsbot.teams.testing.FakeBotConnector.Recorded;
import io.opsbot.teams.testing.TeamsFixtures;
import io.opsbot.teams.testing.TeamsRequests;
import io.opsbot.teams.testing.TeamsTestApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With an app id configured, only requests carrying a token the Bot Connector would send get in: signed by a key
 * from the (fake) Bot Framework OpenID metadata endorsed for msteams, for our app id, for this service URL, not
 * expired. The bot's own calls then carry the token from the (fake) token endpoint.
 */
@SpringBootTest(classes = TeamsTestApplication.class)
@ContextConfiguration(initializers = MongoTestServer.Initializer.class)
@AutoConfigureMockMvc
class TeamsAuthenticationTest {

    static final String APP_ID = "0b6fe6d1-fece-44f7-9a48-56465e2d5ab8";
    static final FakeBotConnector connector = FakeBotConnector.start();

    @DynamicPropertySource
    static void teams(DynamicPropertyRegistry registry) {
        registry.add("opsbot.teams.app-id", () -> APP_ID);
        registry.add("opsbot.teams.app-password", () -> "test-secret");
        registry.add("opsbot.teams.local-mode", () -> "false");
        registry.add("opsbot.teams.open-id-metadata-url", connector::openIdMetadataUrl);
        registry.add("opsbot.teams.token-endpoint", connector::tokenEndpoint);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    ConversationReferences references;
    @Autowired
    FeedbackRepository feedback;

    private String tenantId;
    private TeamsFixtures.Activity message;

    @AfterAll
    static void stop() {
        connector.close();
    }

    @BeforeEach
    void setUp() {
        connector.clear();
        tenantId = TeamsRequests.freshTenant();
        message = TeamsFixtures.load("message.personal.json").serviceUrl(connector.serviceUrl()).tenant(tenantId)
                .text("feedback Invoices show the wrong VAT #billing");
    }

    private int status(String token) {
        return TeamsRequests.send(mvc, message.toString(), token).getResponse().getStatus();
    }

    private void assertNothingProcessed() {
        assertThat(references.latest(TenantRef.teams(tenantId))).as("no conversation stored").isEmpty();
        assertThat(feedback.countByTenant(TenantRef.teams(tenantId))).as("no feedback stored").isZero();
        assertThat(connector.connectorCalls()).as("nothing sent").isEmpty();
    }

    @Test
    void aRequestWithoutATokenIsRefused() {
        assertThat(status(null)).isEqualTo(401);
        assertNothingProcessed();
    }

    @Test
    void malformedAndForgedTokensAreRefusedAndNothingIsStored() {
        assertThat(status("not-a-jwt")).isEqualTo(401);
        assertThat(status(connector.forgedToken(APP_ID, connector.serviceUrl()))).as("unknown signing key")
                .isEqualTo(401);
        assertNothingProcessed();
    }

    @Test
    void tokensForAnotherAppAnotherServiceUrlOrExpiredAreRefused() {
        assertThat(status(connector.channelToken("some-other-app", connector.serviceUrl()))).isEqualTo(401);
        assertThat(status(connector.channelToken(APP_ID, "https://smba.trafficmanager.net/amer/"))).isEqualTo(401);
        assertThat(status(connector.expiredToken(APP_ID, connector.serviceUrl()))).isEqualTo(401);
        assertThat(status(connector.tokenWithoutExpiry(APP_ID, connector.serviceUrl()))).isEqualTo(401);
        assertNothingProcessed();
    }

    @Test
    void aValidConnectorTokenIsAcceptedAndTheBotCallsBackWithItsOwnToken() {
        assertThat(status(connector.channelToken(APP_ID, connector.serviceUrl()))).isEqualTo(200);
        message.text("feedback Second one #billing");
        assertThat(status(connector.channelToken(APP_ID, connector.serviceUrl()))).isEqualTo(200);

        assertThat(feedback.countByTenant(TenantRef.teams(tenantId))).isEqualTo(2);
        assertThat(connector.sentActivities()).hasSize(2).allSatisfy(reply -> assertThat(
                reply.header("Authorization")).isEqualTo("Bearer " + FakeBotConnector.ACCESS_TOKEN));
        Recorded tokenRequest = connector.tokenRequests().get(0);
        assertThat(connector.tokenRequests()).as("the token is cached, not fetched per call").hasSize(1);
        assertThat(tokenRequest.text()).contains("grant_type=client_credentials").contains("client_id=" + APP_ID)
                .contains("client_secret=test-secret")
                .contains("scope=https%3A%2F%2Fapi.botframework.com%2F.default");
    }
}
