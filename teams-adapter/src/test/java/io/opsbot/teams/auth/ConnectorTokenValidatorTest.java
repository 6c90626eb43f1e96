package io.opsbot.teams.auth;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import io.opsbot.teams.testing.FakeEntra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every token the validator must accept or refuse, per bot type, against keys served by a local fake Entra and Bot
 * Framework (OpenID metadata and key sets over TLS). The Spring end-to-end tests ({@code *AuthenticationTest}) show
 * the same through {@code /api/messages}; here each case is named on its own.
 */
class ConnectorTokenValidatorTest {

    static final String APP_ID = "0b6fe6d1-fece-44f7-9a48-56465e2d5ab8";
    static final String SERVICE_URL = "https://smba.trafficmanager.net/amer/";
    static final FakeEntra entra = FakeEntra.start();

    private final String tenant = UUID.randomUUID().toString();

    @AfterAll
    static void stop() {
        entra.close();
    }

    @BeforeEach
    void clear() {
        entra.clear();
    }

    private ConnectorTokenValidator validator(BotType type) {
        return validator(type, Duration.ofSeconds(30));
    }

    private ConnectorTokenValidator validator(BotType type, Duration minRefresh) {
        DefaultResourceRetriever http = new DefaultResourceRetriever(5_000, 5_000, 512 * 1024, true,
                entra.tls().socketFactory());
        return new ConnectorTokenValidator(APP_ID, type, type.tenantIssued() ? tenant : "",
                entra.botFrameworkMetadataUrl(), entra.authorityHost(), http, Duration.ofHours(24), minRefresh);
    }

    private FakeEntra.TokenBuilder botFramework() {
        return entra.token().audience(APP_ID).serviceUrl(SERVICE_URL);
    }

    @Test
    void aSingleTenantBotAcceptsTheBotFrameworkAndItsOwnTenantsV1AndV2Tokens() {
        ConnectorTokenValidator validator = validator(BotType.SINGLE_TENANT);
        assertThat(validator.refusal(botFramework().sign(), SERVICE_URL)).isEmpty();
        assertThat(validator.refusal(botFramework().entraV1(tenant).sign(), SERVICE_URL)).isEmpty();
        assertThat(validator.refusal(botFramework().entraV2(tenant).sign(), SERVICE_URL)).isEmpty();
        assertThat(validator.refusal(botFramework().sign(), "https://smba.trafficmanager.net/amer"))
                .as("a trailing slash is no other service").isEmpty();
    }

    @Test
    void aManagedIdentityBotAcceptsTheSameIssuersAsASingleTenantOne() {
        ConnectorTokenValidator validator = validator(BotType.USER_ASSIGNED_MSI);
        assertThat(validator.refusal(botFramework().sign(), SERVICE_URL)).isEmpty();
        assertThat(validator.refusal(botFramework().entraV1(tenant).sign(), SERVICE_URL)).isEmpty();
        assertThat(validator.refusal(botFramework().entraV2(tenant).sign(), SERVICE_URL)).isEmpty();
    }

    @Test
    void aMultiTenantBotAcceptsOnlyTheBotFrameworkIssuer() {
        ConnectorTokenValidator validator = validator(BotType.MULTI_TENANT);
        assertThat(validator.refusal(botFramework().sign(), SERVICE_URL)).isEmpty();
        assertThat(validator.refusal(botFramework().entraV1(tenant).sign(), SERVICE_URL)).get().asString()
                .contains("issuer not accepted");
        assertThat(validator.refusal(botFramework().entraV2(tenant).sign(), SERVICE_URL)).isPresent();
    }

    @Test
    void anotherTenantsTokensAreRefused() {
        String other = UUID.randomUUID().toString();
        for (BotType type : BotType.values()) {
            ConnectorTokenValidator validator = validator(type);
            assertThat(validator.refusal(botFramework().entraV1(other).sign(), SERVICE_URL)).as(type + " v1")
                    .get().asString().contains("issuer not accepted");
            assertThat(validator.refusal(botFramework().entraV2(other).sign(), SERVICE_URL)).as(type + " v2")
                    .get().asString().contains("issuer not accepted");
        }
        assertThat(validator(BotType.SINGLE_TENANT).refusal(botFramework().entraV2(tenant)
                .issuer(entra.authorityHost() + "/" + other + "/v2.0").sign(), SERVICE_URL))
                .as("the other tenant's issuer, our tenant's key").isPresent();
    }

    @Test
    void tokensForAnotherAppAreRefused() {
        for (BotType type : BotType.values()) {
            assertThat(validator(type).refusal(entra.token().audience("some-other-app").serviceUrl(SERVICE_URL)
                    .sign(), SERVICE_URL)).as(type.setting()).get().asString().contains("aud");
        }
        assertThat(validator(BotType.SINGLE_TENANT).refusal(entra.token().audience("some-other-app")
                .serviceUrl(SERVICE_URL).entraV2(tenant).sign(), SERVICE_URL)).isPresent();
    }

    @Test
    void expiredAndNotYetValidTokensAreRefusedBeyondFiveMinutesOfSkew() {
        ConnectorTokenValidator validator = validator(BotType.SINGLE_TENANT);
        Instant now = Instant.now();
        assertThat(validator.refusal(botFramework().expires(now.minus(Duration.ofHours(1))).sign(), SERVICE_URL))
                .get().asString().contains("Expired");
        assertThat(validator.refusal(botFramework().entraV1(tenant).expires(now.minus(Duration.ofMinutes(6)))
                .sign(), SERVICE_URL)).isPresent();
        assertThat(validator.refusal(botFramework().expires(now.minus(Duration.ofMinutes(2))).sign(), SERVICE_URL))
                .as("within the skew").isEmpty();
        assertThat(validator.refusal(botFramework().notBefore(now.plus(Duration.ofHours(1))).sign(), SERVICE_URL))
                .get().asString().contains("before");
        assertThat(validator.refusal(botFramework().notBefore(now.plus(Duration.ofMinutes(2))).sign(), SERVICE_URL))
                .as("within the skew").isEmpty();
        assertThat(validator.refusal(botFramework().withoutExpiry().sign(), SERVICE_URL)).get().asString()
                .contains("exp");
    }

    @Test
    void unsignedAndHmacTokensAreRefused() {
        for (BotType type : BotType.values()) {
            ConnectorTokenValidator validator = validator(type);
            assertThat(validator.refusal(botFramework().unsigned(), SERVICE_URL)).as("alg none").get().asString()
                    .contains("not signed");
            assertThat(validator.refusal(botFramework().hs256WithPublicKeyAsSecret(), SERVICE_URL))
                    .as("HS256 keyed with the public key").isPresent();
        }
        assertThat(validator(BotType.SINGLE_TENANT).refusal(botFramework().entraV2(tenant)
                .hs256WithPublicKeyAsSecret(), SERVICE_URL)).isPresent();
        assertThat(validator(BotType.SINGLE_TENANT).refusal("not-a-jwt", SERVICE_URL)).contains("not a JWT");
    }

    @Test
    void tokensSignedWithAnUnknownKeyAreRefused() {
        ConnectorTokenValidator validator = validator(BotType.SINGLE_TENANT);
        assertThat(validator.refusal(botFramework().unknownKey().sign(), SERVICE_URL)).isPresent();
        assertThat(validator.refusal(botFramework().entraV2(tenant).unknownKey().sign(), SERVICE_URL)).isPresent();
    }

    @Test
    void aKeyTheBotFrameworkEndorsedOnlyForAnotherChannelDoesNotVouchForTeams() {
        RSAKey skype = entra.skypeOnlyKey();
        assertThat(validator(BotType.MULTI_TENANT).refusal(botFramework().key(skype).sign(), SERVICE_URL))
                .isPresent();
    }

    @Test
    void theServiceUrlClaimMustBeThereAndMatchTheActivity() {
        for (BotType type : BotType.values()) {
            ConnectorTokenValidator validator = validator(type);
            assertThat(validator.refusal(entra.token().audience(APP_ID).sign(), SERVICE_URL)).as(type + " missing")
                    .get().asString().contains("serviceurl");
            assertThat(validator.refusal(botFramework().sign(), "https://evil.example/amer/")).as(type + " other")
                    .get().asString().contains("serviceurl");
        }
        assertThat(validator(BotType.SINGLE_TENANT).refusal(entra.token().audience(APP_ID).entraV1(tenant).sign(),
                SERVICE_URL)).isPresent();
    }

    @Test
    void rotatedKeysArePickedUpWhenATokenNamesThem() {
        ConnectorTokenValidator validator = validator(BotType.SINGLE_TENANT);
        assertThat(validator.refusal(botFramework().sign(), SERVICE_URL)).isEmpty();
        assertThat(validator.refusal(botFramework().entraV2(tenant).sign(), SERVICE_URL)).isEmpty();
        assertThat(validator.refusal(botFramework().sign(), SERVICE_URL)).isEmpty();
        assertThat(entra.keyRequests(FakeEntra.BOT_FRAMEWORK)).as("cached").hasSize(1);

        RSAKey botFrameworkKey = entra.rotate(FakeEntra.BOT_FRAMEWORK);
        RSAKey tenantKey = entra.rotate(tenant);
        assertThat(validator.refusal(botFramework().key(botFrameworkKey).sign(), SERVICE_URL)).isEmpty();
        assertThat(validator.refusal(botFramework().entraV1(tenant).key(tenantKey).sign(), SERVICE_URL)).isEmpty();
        assertThat(entra.keyRequests(FakeEntra.BOT_FRAMEWORK)).as("fetched again for the new key id").hasSize(2);
        assertThat(entra.keyRequests(tenant)).hasSize(2);
    }

    @Test
    void unknownKeyIdsRefetchTheKeysAtMostOncePerInterval() {
        ConnectorTokenValidator validator = validator(BotType.MULTI_TENANT, Duration.ofMinutes(10));
        assertThat(validator.refusal(botFramework().sign(), SERVICE_URL)).isEmpty();
        for (int i = 0; i < 6; i++) {
            assertThat(validator.refusal(botFramework().unknownKey().sign(), SERVICE_URL)).isPresent();
        }
        assertThat(entra.keyRequests(FakeEntra.BOT_FRAMEWORK)).as("one fetch, one refetch, then rate-limited")
                .hasSizeLessThanOrEqualTo(2);
        assertThat(validator.refusal(botFramework().sign(), SERVICE_URL)).as("known keys still work").isEmpty();
    }

    @Test
    void issuersAreComparedWithoutCase() {
        assertThat(validator(BotType.MULTI_TENANT).refusal(botFramework().issuer("https://API.botframework.com")
                .sign(), SERVICE_URL)).isEmpty();
    }
}
