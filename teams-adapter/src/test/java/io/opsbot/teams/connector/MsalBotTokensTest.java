package io.opsbot.teams.connector;

import com.microsoft.aad.msal4j.ManagedIdentityEnvironment;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.teams.TeamsProperties;
import io.opsbot.teams.testing.FakeEntra;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bot's outbound tokens through MSAL for Java, per bot type, against the local fake Entra: which endpoint is
 * asked, with what, and that a token is reused until shortly before it expires.
 */
class MsalBotTokensTest {

    static final FakeEntra entra = FakeEntra.shared();
    static final String TENANT = "5c0a9a2e-8f0b-4d7a-9a4c-1d2e3f405061";

    /** A new app id per test: MSAL keeps managed-identity tokens in a cache shared by the whole JVM. */
    private final String appId = UUID.randomUUID().toString();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T09:00:00Z"));

    @BeforeEach
    void clear() {
        entra.clear();
        entra.expiresIn(Duration.ofHours(1));
    }

    @AfterEach
    void realEnvironment() {
        ManagedIdentityEnvironment.reset();
    }

    /** The settings as they are bound from opsbot.teams.*: type, tenant and more pairs of name and value. */
    private TeamsProperties properties(String type, String tenant, String... more) {
        Map<String, String> values = new HashMap<>(Map.of("opsbot.teams.app-id", appId, "opsbot.teams.app-type", type,
                "opsbot.teams.app-tenant-id", tenant, "opsbot.teams.authority-host", entra.authorityHost()));
        for (int i = 0; i < more.length; i += 2) {
            values.put("opsbot.teams." + more[i], more[i + 1]);
        }
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("opsbot.teams",
                TeamsProperties.class);
    }

    private TeamsProperties singleTenantWithSecret() {
        return properties("SingleTenant", TENANT, "app-password", "s3cret");
    }

    private BotTokens tokens(TeamsProperties properties) {
        return MsalBotTokens.create(properties, entra.tls(), clock);
    }

    @Test
    void aSingleTenantBotAsksItsTenantWithItsSecretAndReusesTheToken() throws Exception {
        BotTokens tokens = tokens(singleTenantWithSecret());

        String first = tokens.token(false);
        assertThat(tokens.token(false)).as("cached").isEqualTo(first);

        List<FakeEntra.Request> requests = entra.tokenRequests(TENANT);
        assertThat(entra.allTokenRequests()).hasSize(1);
        assertThat(requests).singleElement().satisfies(r -> {
            assertThat(r.form()).containsEntry("grant_type", "client_credentials").containsEntry("client_id", appId)
                    .containsEntry("client_secret", "s3cret");
            // MSAL for Java adds its usual OpenID scopes; the one asked for is the Bot Framework's.
            assertThat(r.form().get("scope").split(" ")).contains("https://api.botframework.com/.default");
        });
        assertThat(entra.issuedBy(first)).isEqualTo("/" + TENANT + "/oauth2/v2.0/token");
    }

    @Test
    void aTokenIsReusedUntilFiveMinutesBeforeItExpires() throws Exception {
        BotTokens tokens = tokens(singleTenantWithSecret());

        String first = tokens.token(false);
        clock.advance(Duration.ofMinutes(54));
        assertThat(tokens.token(false)).as("6 minutes left").isEqualTo(first);
        clock.advance(Duration.ofMinutes(2));
        String second = tokens.token(false);
        assertThat(second).as("4 minutes left").isNotEqualTo(first);
        assertThat(tokens.token(false)).isEqualTo(second);
        assertThat(entra.tokenRequests(TENANT)).hasSize(2);
    }

    @Test
    void aShortLivedTokenIsReusedForHalfItsLifetime() throws Exception {
        ManagedIdentityEnvironment.use(Map.of("IDENTITY_ENDPOINT", entra.appServiceIdentityEndpoint(),
                "IDENTITY_HEADER", FakeEntra.IDENTITY_HEADER));
        entra.expiresIn(Duration.ofMinutes(6));
        BotTokens tokens = tokens(properties("UserAssignedMSI", TENANT));

        String first = tokens.token(false);
        clock.advance(Duration.ofMinutes(2));
        assertThat(tokens.token(false)).isEqualTo(first);
        clock.advance(Duration.ofMinutes(2));
        assertThat(tokens.token(false)).isNotEqualTo(first);
        assertThat(entra.appServiceTokenRequests()).hasSize(2);
    }

    @Test
    void aForcedRefreshSkipsTheCache() throws Exception {
        BotTokens tokens = tokens(singleTenantWithSecret());

        String first = tokens.token(false);
        String second = tokens.token(true);
        assertThat(second).isNotEqualTo(first);
        assertThat(tokens.token(false)).as("the new one is cached").isEqualTo(second);
        assertThat(entra.tokenRequests(TENANT)).hasSize(2);
    }

    @Test
    void aSingleTenantBotWithACertificateSignsAClientAssertion(@TempDir Path dir) throws Exception {
        Path certificate = FakeEntra.certificate(dir);
        TeamsProperties properties = properties("SingleTenant", TENANT, "app-certificate-path",
                certificate.toString(), "app-certificate-password", "changeit");

        tokens(properties).token(false);

        Map<String, String> form = entra.tokenRequests(TENANT).get(0).form();
        assertThat(form).doesNotContainKey("client_secret")
                .containsEntry("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        SignedJWT assertion = SignedJWT.parse(form.get("client_assertion"));
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(certificate)) {
            store.load(in, "changeit".toCharArray());
        }
        RSAPublicKey key = (RSAPublicKey) store.getCertificate("bot").getPublicKey();
        assertThat(assertion.verify(new RSASSAVerifier(key))).as("signed with the certificate's key").isTrue();
        assertThat(assertion.getJWTClaimsSet().getSubject()).isEqualTo(appId);
    }

    @Test
    void aMultiTenantBotAsksTheBotFrameworkTenant() throws Exception {
        TeamsProperties properties = properties("MultiTenant", "", "app-password", "s3cret");

        String token = tokens(properties).token(false);

        assertThat(entra.issuedBy(token)).isEqualTo("/botframework.com/oauth2/v2.0/token");
        assertThat(entra.allTokenRequests()).hasSize(1);
    }

    @Test
    void aManagedIdentityBotOnAppServiceAsksTheIdentityEndpoint() throws Exception {
        ManagedIdentityEnvironment.use(Map.of("IDENTITY_ENDPOINT", entra.appServiceIdentityEndpoint(),
                "IDENTITY_HEADER", FakeEntra.IDENTITY_HEADER));
        BotTokens tokens = tokens(properties("UserAssignedMSI", TENANT));

        String first = tokens.token(false);
        assertThat(tokens.token(false)).as("cached").isEqualTo(first);

        assertThat(entra.allTokenRequests()).hasSize(1);
        assertThat(entra.appServiceTokenRequests()).singleElement().satisfies(r -> {
            assertThat(r.header("X-IDENTITY-HEADER")).isEqualTo(FakeEntra.IDENTITY_HEADER);
            assertThat(r.query()).containsEntry("resource", "https://api.botframework.com")
                    .containsEntry("client_id", appId).containsEntry("api-version", "2019-08-01");
        });
    }

    @Test
    void aManagedIdentityBotElsewhereAsksTheInstanceMetadataService() throws Exception {
        ManagedIdentityEnvironment.use(Map.of("AZURE_POD_IDENTITY_AUTHORITY_HOST", entra.imdsHost()));
        BotTokens tokens = tokens(properties("UserAssignedMSI", TENANT));

        String first = tokens.token(false);
        assertThat(tokens.token(false)).as("cached").isEqualTo(first);
        assertThat(tokens.token(true)).as("forced").isNotEqualTo(first);

        assertThat(entra.imdsTokenRequests()).hasSize(2).allSatisfy(r -> {
            assertThat(r.header("Metadata")).isEqualTo("true");
            assertThat(r.query()).containsEntry("resource", "https://api.botframework.com")
                    .containsEntry("client_id", appId);
        });
    }

    @Test
    void anIdentityPlatformThatCannotBeReachedIsATransientFailure() {
        TeamsProperties properties = properties("SingleTenant", "00000000-0000-0000-0000-000000000000",
                "app-password", "s3cret");
        BotTokens tokens = MsalBotTokens.create(properties, null, clock);

        assertThatThrownBy(() -> tokens.token(false))
                .as("the fake's certificate is not trusted without its TLS: a network failure, not a refusal")
                .isInstanceOf(TokenRequestException.class)
                .satisfies(e -> assertThat(((TokenRequestException) e).refused()).isFalse());
    }

    @Test
    void aSecretEntraRefusesIsAFailureThatSaysSo() {
        TeamsProperties properties = properties("SingleTenant", TENANT, "app-password", FakeEntra.REFUSED_SECRET);

        assertThatThrownBy(() -> tokens(properties).token(false)).isInstanceOf(TokenRequestException.class)
                .satisfies(e -> {
                    assertThat(((TokenRequestException) e).refused()).isTrue();
                    assertThat(e.getMessage()).contains("401").contains("invalid_client")
                            .doesNotContain(FakeEntra.REFUSED_SECRET);
                });
    }
}
