package io.opsbot.teams.auth;

import io.opsbot.core.feedback.FeedbackRepository;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.testing.MongoTestServer;
import io.opsbot.teams.conversations.ConversationReferences;
import io.opsbot.teams.testing.FakeBotConnector;
import io.opsbot.teams.testing.FakeBotConnector.Recorded;
import io.opsbot.teams.testing.FakeEntra;
import io.opsbot.teams.testing.FakeEntraTls;
import io.opsbot.teams.testing.TeamsFixtures;
import io.opsbot.teams.testing.TeamsRequests;
import io.opsbot.teams.testing.TeamsTestApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.servlet.MockMvc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bot of one type ({@link BotType}) end to end: tokens signed by the local fake Entra and Bot Framework
 * ({@link FakeEntra}, OpenID metadata and keys over TLS) on activities posted to {@code /api/messages}; what the bot
 * sends goes to a fake Bot Connector carrying the token MSAL got from the fake's endpoint for that type. Subclasses
 * configure the type; every case runs for each.
 */
@SpringBootTest(classes = {TeamsTestApplication.class, FakeEntraTls.class})
@ContextConfiguration(initializers = MongoTestServer.Initializer.class)
@AutoConfigureMockMvc
abstract class TeamsAuthenticationTest {

    static final String APP_ID = "0b6fe6d1-fece-44f7-9a48-56465e2d5ab8";
    static final String BOT_TENANT = "5c0a9a2e-8f0b-4d7a-9a4c-1d2e3f405061";
    static final FakeEntra entra = FakeEntra.shared();
    static final FakeBotConnector connector = FakeBotConnector.start();

    @Autowired
    MockMvc mvc;
    @Autowired
    ConversationReferences references;
    @Autowired
    FeedbackRepository feedback;

    /** The tenant the Teams activities come from, new for each test, and the service URL under it. */
    private String tenantId;
    private String serviceUrl;
    private TeamsFixtures.Activity message;

    static void common(DynamicPropertyRegistry registry) {
        registry.add("opsbot.teams.app-id", () -> APP_ID);
        registry.add("opsbot.teams.local-mode", () -> "false");
        registry.add("opsbot.teams.authority-host", entra::authorityHost);
        registry.add("opsbot.teams.open-id-metadata-url", entra::botFrameworkMetadataUrl);
        // Rate limiting of key fetches has its own test (ConnectorTokenValidatorTest); here tests follow each other.
        registry.add("opsbot.teams.signing-keys-min-refresh", () -> "1ms");
    }

    /** Tokens the bot must accept, by a name for failure messages. */
    abstract Map<String, FakeEntra.TokenBuilder> acceptedIssuers();

    /** The fake's endpoint the bot's own tokens must come from. */
    abstract String tokenEndpointPath();

    @BeforeEach
    void newTenant() {
        connector.clear();
        entra.clear();
        entra.expiresIn(java.time.Duration.ofHours(1));
        tenantId = TeamsRequests.freshTenant();
        serviceUrl = connector.baseUrl() + "/" + tenantId + "/";
        message = TeamsFixtures.load("message.personal.json").serviceUrl(serviceUrl).tenant(tenantId)
                .text("feedback Invoices show the wrong VAT #billing");
    }

    FakeEntra.TokenBuilder token() {
        return entra.token().audience(APP_ID).serviceUrl(serviceUrl);
    }

    /** Sends the message as a new activity (an id of its own: the bot handles each activity id once). */
    private int status(String token) {
        return TeamsRequests.send(mvc, message.again().toString(), token).getResponse().getStatus();
    }

    private List<Recorded> sent() {
        return connector.sentActivities().stream().filter(r -> r.path().startsWith("/" + tenantId + "/")).toList();
    }

    private static String bearer(Recorded request) {
        String header = request.header("Authorization");
        assertThat(header).startsWith("Bearer ");
        return header.substring(7);
    }

    @Test
    void validTokensAreAcceptedAndTheBotAnswersWithItsOwnTokenFromTheRightEndpoint() {
        Map<String, FakeEntra.TokenBuilder> accepted = acceptedIssuers();
        accepted.forEach((issuer, token) -> assertThat(status(token.sign())).as(issuer).isEqualTo(200));

        assertThat(feedback.countByTenant(TenantRef.teams(tenantId))).isEqualTo(accepted.size());
        assertThat(sent()).hasSize(accepted.size()).allSatisfy(reply -> assertThat(entra.issuedBy(bearer(reply)))
                .isEqualTo(tokenEndpointPath()));
        assertThat(entra.allTokenRequests()).as("one token for all replies (or one cached from before)")
                .hasSizeLessThanOrEqualTo(1).allSatisfy(r -> assertThat(r.path()).isEqualTo(tokenEndpointPath()));
    }

    @Test
    void badTokensAreRefusedWith401AndNothingIsStoredOrSent() {
        String otherTenant = UUID.randomUUID().toString();
        java.time.Instant now = java.time.Instant.now();
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("another tenant (v1)", token().entraV1(otherTenant).sign());
        refused.put("another tenant (v2)", token().entraV2(otherTenant).sign());
        refused.put("another app", entra.token().audience("11111111-2222-3333-4444-555555555555")
                .serviceUrl(serviceUrl).sign());
        refused.put("expired", token().expires(now.minus(java.time.Duration.ofHours(1))).sign());
        refused.put("not yet valid", token().notBefore(now.plus(java.time.Duration.ofHours(1))).sign());
        refused.put("alg none", token().unsigned());
        refused.put("HS256 keyed with the public key", token().hs256WithPublicKeyAsSecret());
        refused.put("unknown kid", token().unknownKey().sign());
        refused.put("no serviceurl", entra.token().audience(APP_ID).sign());
        refused.put("another serviceurl", entra.token().audience(APP_ID).serviceUrl("https://evil.example/").sign());
        refused.put("not a JWT", "not-a-jwt");
        refused.forEach((why, token) -> assertThat(status(token)).as(why).isEqualTo(401));
        assertThat(status(null)).as("no token").isEqualTo(401);

        assertThat(references.latest(TenantRef.teams(tenantId))).as("no conversation stored").isEmpty();
        assertThat(feedback.countByTenant(TenantRef.teams(tenantId))).as("no feedback stored").isZero();
        assertThat(sent()).as("nothing sent").isEmpty();
    }

    @Test
    void rotatedSigningKeysArePickedUp() {
        assertThat(status(token().sign())).isEqualTo(200);
        for (var entry : acceptedIssuers().entrySet()) {
            String family = entry.getKey().startsWith("Entra") ? BOT_TENANT : FakeEntra.BOT_FRAMEWORK;
            var key = entra.rotate(family);
            assertThat(status(entry.getValue().key(key).sign())).as(entry.getKey() + " with a new key")
                    .isEqualTo(200);
        }
    }

    @Test
    void aTokenTheConnectorRefusesIsReplacedOnceAndTheCallRepeated() {
        assertThat(status(token().sign())).isEqualTo(200);
        String first = bearer(sent().get(0));
        entra.clear();
        connector.failNext(401, Map.of(), "{\"message\":\"Authorization has been denied for this request.\"}");

        message.text("feedback A second one #billing");
        assertThat(status(token().sign())).isEqualTo(200);

        List<Recorded> sent = sent();
        assertThat(sent).hasSize(3);
        assertThat(bearer(sent.get(1))).as("the refused call").isEqualTo(first);
        assertThat(bearer(sent.get(2))).as("repeated with a new token").isNotEqualTo(first);
        assertThat(entra.issuedBy(bearer(sent.get(2)))).isEqualTo(tokenEndpointPath());
        assertThat(entra.allTokenRequests()).as("exactly one new token").hasSize(1);
    }
}
