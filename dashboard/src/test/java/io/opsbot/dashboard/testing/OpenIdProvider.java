package io.opsbot.dashboard.testing;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.List;
import java.util.Map;

/**
 * One mock-oauth2-server per test JVM playing both identity providers: issuer {@code slack} for Sign in with Slack
 * and issuer {@code entra} for Microsoft. Before a sign-in, a test says who signs in next ({@link #nextSlack},
 * {@link #nextMicrosoft}); the provider then answers the authorization request at once and issues an ID token with
 * the claims the real provider would.
 */
public final class OpenIdProvider {

    public static final String CLIENT_ID = "opsbot-dashboard-test";
    /** A client secret the pages must never show. */
    public static final String CLIENT_SECRET = "client-secret-that-must-never-be-rendered-7d41";

    private static MockOAuth2Server server;

    private OpenIdProvider() {
    }

    static synchronized MockOAuth2Server server() {
        if (server == null) {
            server = new MockOAuth2Server();
            server.start(0);
            Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "mock-oauth2-stop"));
        }
        return server;
    }

    /** The next sign-in is this Slack member of this workspace, as Slack's OpenID Connect says it. */
    public static void nextSlack(String teamId, String userId, String name) {
        server().enqueueCallback(new DefaultOAuth2TokenCallback("slack", userId, "JWT", List.of(CLIENT_ID),
                Map.of("https://slack.com/team_id", teamId, "https://slack.com/user_id", userId, "name", name),
                3600));
    }

    /** The next sign-in is this Entra user (object id) of this tenant, as Microsoft's ID token says it. */
    public static void nextMicrosoft(String tenantId, String objectId, String name) {
        server().enqueueCallback(new DefaultOAuth2TokenCallback("entra", objectId, "JWT", List.of(CLIENT_ID),
                Map.of("tid", tenantId, "oid", objectId, "name", name), 3600));
    }

    /** Points the dashboard's providers at the mock server. */
    public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            MockOAuth2Server s = server();
            TestPropertyValues.of(
                    "opsbot.dashboard.slack.client-id=" + CLIENT_ID,
                    "opsbot.dashboard.slack.client-secret=" + CLIENT_SECRET,
                    "opsbot.dashboard.slack.issuer=" + s.issuerUrl("slack"),
                    "opsbot.dashboard.slack.authorization-uri=" + s.authorizationEndpointUrl("slack"),
                    "opsbot.dashboard.slack.token-uri=" + s.tokenEndpointUrl("slack"),
                    "opsbot.dashboard.slack.jwk-set-uri=" + s.jwksUrl("slack"),
                    "opsbot.dashboard.microsoft.client-id=" + CLIENT_ID,
                    "opsbot.dashboard.microsoft.client-secret=" + CLIENT_SECRET,
                    "opsbot.dashboard.microsoft.authorization-uri=" + s.authorizationEndpointUrl("entra"),
                    "opsbot.dashboard.microsoft.token-uri=" + s.tokenEndpointUrl("entra"),
                    "opsbot.dashboard.microsoft.jwk-set-uri=" + s.jwksUrl("entra"),
                    // The mock issues every tenant's tokens from one issuer; the real template carries {tid}.
                    "opsbot.dashboard.microsoft.issuer-template=" + s.issuerUrl("entra"))
                    .applyTo(context);
        }
    }
}
