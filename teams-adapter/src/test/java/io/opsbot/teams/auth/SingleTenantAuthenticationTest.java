package io.opsbot.teams.auth;

import io.opsbot.teams.testing.FakeEntra;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.LinkedHashMap;
import java.util.Map;

/** A bot registered today as Single Tenant with a client secret. */
class SingleTenantAuthenticationTest extends TeamsAuthenticationTest {

    @DynamicPropertySource
    static void teams(DynamicPropertyRegistry registry) {
        common(registry);
        registry.add("opsbot.teams.app-type", () -> "SingleTenant");
        registry.add("opsbot.teams.app-tenant-id", () -> BOT_TENANT);
        registry.add("opsbot.teams.app-password", () -> "test-secret");
    }

    @Override
    Map<String, FakeEntra.TokenBuilder> acceptedIssuers() {
        Map<String, FakeEntra.TokenBuilder> tokens = new LinkedHashMap<>();
        tokens.put("Bot Framework", token());
        tokens.put("Entra v1 of the bot's tenant", token().entraV1(BOT_TENANT));
        tokens.put("Entra v2 of the bot's tenant", token().entraV2(BOT_TENANT));
        return tokens;
    }

    @Override
    String tokenEndpointPath() {
        return "/" + BOT_TENANT + "/oauth2/v2.0/token";
    }
}
