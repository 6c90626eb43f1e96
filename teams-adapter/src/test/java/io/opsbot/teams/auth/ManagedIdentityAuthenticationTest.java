package io.opsbot.teams.auth;

import com.microsoft.aad.msal4j.ManagedIdentityEnvironment;
import io.opsbot.teams.testing.FakeEntra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bot registered today as User-Assigned Managed Identity, running on App Service (or Container Apps): no secret;
 * its tokens come from the host's managed-identity endpoint ({@code IDENTITY_ENDPOINT} + {@code IDENTITY_HEADER}).
 */
class ManagedIdentityAuthenticationTest extends TeamsAuthenticationTest {

    @DynamicPropertySource
    static void teams(DynamicPropertyRegistry registry) {
        common(registry);
        registry.add("opsbot.teams.app-type", () -> "UserAssignedMSI");
        registry.add("opsbot.teams.app-tenant-id", () -> BOT_TENANT);
    }

    @BeforeAll
    static void onAppService() {
        ManagedIdentityEnvironment.use(Map.of("IDENTITY_ENDPOINT", entra.appServiceIdentityEndpoint(),
                "IDENTITY_HEADER", FakeEntra.IDENTITY_HEADER));
    }

    @AfterAll
    static void offAppService() {
        ManagedIdentityEnvironment.reset();
    }

    @Override
    Map<String, FakeEntra.TokenBuilder> acceptedIssuers() {
        Map<String, FakeEntra.TokenBuilder> tokens = new LinkedHashMap<>();
        tokens.put("Bot Framework", token());
        tokens.put("Entra v1 of the identity's tenant", token().entraV1(BOT_TENANT));
        tokens.put("Entra v2 of the identity's tenant", token().entraV2(BOT_TENANT));
        return tokens;
    }

    @Override
    String tokenEndpointPath() {
        return "/msi/token";
    }
}
