package io.opsbot.teams.auth;

import io.opsbot.teams.testing.FakeEntra;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A multi-tenant bot registered before 2025-07-31 (no MICROSOFT_APP_TYPE, no tenant id: the old configuration). */
class MultiTenantAuthenticationTest extends TeamsAuthenticationTest {

    @DynamicPropertySource
    static void teams(DynamicPropertyRegistry registry) {
        common(registry);
        registry.add("opsbot.teams.app-password", () -> "test-secret");
    }

    @Override
    Map<String, FakeEntra.TokenBuilder> acceptedIssuers() {
        return Map.of("Bot Framework", token());
    }

    @Override
    String tokenEndpointPath() {
        return "/botframework.com/oauth2/v2.0/token";
    }

    @Test
    void tokensOfAnEntraTenantAreNotAcceptedForAMultiTenantBot() {
        var activity = io.opsbot.teams.testing.TeamsFixtures.load("message.personal.json")
                .serviceUrl("https://smba.trafficmanager.net/amer/").text("help");
        String token = entra.token().audience(APP_ID).serviceUrl("https://smba.trafficmanager.net/amer/")
                .entraV2(BOT_TENANT).sign();
        assertThat(io.opsbot.teams.testing.TeamsRequests.send(mvc, activity.toString(), token).getResponse()
                .getStatus()).isEqualTo(401);
    }
}
