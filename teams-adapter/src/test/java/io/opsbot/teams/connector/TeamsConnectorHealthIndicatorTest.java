package io.opsbot.teams.connector;

import io.opsbot.core.testing.MutableClock;
import io.opsbot.teams.TeamsProperties;
import io.opsbot.teams.testing.FakeEntra;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Teams' health follows the bot's real token requests to the fake Entra: refused credentials are DOWN at once, an
 * unreachable identity platform only after {@code token-down-after}, and the reason never quotes the secret.
 */
class TeamsConnectorHealthIndicatorTest {

    static final FakeEntra entra = FakeEntra.shared();
    static final String TENANT = "5c0a9a2e-8f0b-4d7a-9a4c-1d2e3f405061";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T09:00:00Z"));
    private final BotTokenStatus status = new BotTokenStatus(clock);

    @BeforeEach
    void clear() {
        entra.clear();
        entra.expiresIn(Duration.ofHours(1));
    }

    private static TeamsProperties singleTenant(String secret) {
        Map<String, String> values = new HashMap<>(Map.of("opsbot.teams.app-id", UUID.randomUUID().toString(),
                "opsbot.teams.app-type", "SingleTenant", "opsbot.teams.app-tenant-id", TENANT,
                "opsbot.teams.authority-host", entra.authorityHost(), "opsbot.teams.app-password", secret));
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("opsbot.teams",
                TeamsProperties.class);
    }

    private Health health(TeamsProperties properties) {
        return new TeamsConnectorHealthIndicator(status, properties, clock).health(true);
    }

    @Test
    void upBeforeTheFirstSendAndWhileTokensAreIssued() throws Exception {
        TeamsProperties properties = singleTenant("s3cret");
        assertThat(health(properties).getDetails()).containsEntry("token", "not needed yet");

        MsalBotTokens.create(properties, entra.tls(), clock, status).token(false);

        Health health = health(properties);
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("token", "ok").containsEntry("botType", "SingleTenant")
                .containsEntry("lastToken", clock.instant().toString());
    }

    @Test
    void refusedCredentialsAreDownAtOnceWithoutTheSecret() {
        TeamsProperties properties = singleTenant(FakeEntra.REFUSED_SECRET);
        BotTokens tokens = MsalBotTokens.create(properties, entra.tls(), clock, status);

        assertThatThrownBy(() -> tokens.token(false)).isInstanceOf(TokenRequestException.class);

        Health health = health(properties);
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("token", "refused");
        assertThat(health.getDetails().get("lastError").toString()).contains("401").contains("invalid_client");
        assertThat(health.getDetails().toString()).doesNotContain(FakeEntra.REFUSED_SECRET);
    }

    @Test
    void anUnreachableIdentityPlatformIsDownOnlyAfterItStaysUnreachable() throws Exception {
        TeamsProperties properties = singleTenant("s3cret");
        // Without the fake's TLS its certificate is not trusted: a network failure, as an outage would be.
        BotTokens unreachable = MsalBotTokens.create(properties, null, clock, status);

        assertThatThrownBy(() -> unreachable.token(false)).isInstanceOf(TokenRequestException.class);
        assertThat(health(properties).getStatus()).isEqualTo(Status.UP);
        assertThat(health(properties).getDetails()).containsEntry("token", "unreachable")
                .containsEntry("failingSince", clock.instant().toString());

        clock.advance(Duration.ofMinutes(4));
        assertThatThrownBy(() -> unreachable.token(true)).isInstanceOf(TokenRequestException.class);
        assertThat(health(properties).getStatus()).as("failing for 4 minutes").isEqualTo(Status.UP);
        clock.advance(Duration.ofMinutes(1));
        assertThat(health(properties).getStatus()).as("failing for 5 minutes").isEqualTo(Status.DOWN);

        MsalBotTokens.create(properties, entra.tls(), clock, status).token(false);
        assertThat(health(properties).getStatus()).as("reachable again").isEqualTo(Status.UP);
    }

    @Test
    void localModeNeedsNoToken() {
        TeamsProperties local = new Binder(new MapConfigurationPropertySource(Map.of("opsbot.teams.local-mode",
                "true"))).bindOrCreate("opsbot.teams", TeamsProperties.class);

        assertThat(health(local).getStatus()).isEqualTo(Status.UP);
        assertThat(health(local).getDetails()).containsEntry("token", "none needed (local mode, no app id)");
    }
}
