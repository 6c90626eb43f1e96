package io.opsbot.slack.installation;

import com.slack.api.RequestConfigurator;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.request.auth.AuthTestRequest;
import com.slack.api.methods.response.auth.AuthTestResponse;
import io.opsbot.core.retention.Departures;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * Single-token mode after an uninstall: the configured token is dead, so the workspace is served no more (requests
 * refused, sends unreachable) and its leaving is recorded; auth.test is not asked again with the dead token. A token
 * that works again at start-up (a new install's) brings the workspace back.
 */
class SingleTokenInstallationTest {

    private final MethodsClient client = mock(MethodsClient.class);
    private final Departures departures = mock(Departures.class);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));

    private static RequestConfigurator<AuthTestRequest.AuthTestRequestBuilder> anyConfigurator() {
        return any();
    }

    @Test
    void anUninstallEndsTheOneInstallationForGood() throws Exception {
        AuthTestResponse ok = new AuthTestResponse();
        ok.setOk(true);
        ok.setTeamId("T0001");
        ok.setUserId("UBOT");
        when(client.authTest(anyConfigurator())).thenReturn(ok);
        SingleTokenInstallation installation = new SingleTokenInstallation(client, "xoxb-one", clock, departures);
        TenantRef tenant = TenantRef.slack("T0001");

        assertThat(installation.serving(null, "T0001")).isPresent();
        verify(departures).returned(tenant);
        assertThat(installation.removed(null, "T0999", "uninstalled")).as("another workspace").isEmpty();

        assertThat(installation.removed(null, "T0001", "uninstalled")).contains(tenant);
        clock.advance(Duration.ofHours(1));

        assertThat(installation.serving(null, "T0001")).isEmpty();
        assertThat(installation.forTenant(tenant)).isEmpty();
        verify(departures).left(eq(tenant), eq(Instant.parse("2026-12-01T10:00:00Z")), eq("uninstalled"));
        verify(client, times(1)).authTest(anyConfigurator());
    }
}
