package io.opsbot.teams.connector;

import io.opsbot.core.testing.MutableClock;
import io.opsbot.teams.testing.FakeBotConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ClientCredentialsTokenSourceTest {

    static final FakeBotConnector connector = FakeBotConnector.start();

    @AfterAll
    static void stop() {
        connector.close();
    }

    @Test
    void theTokenIsCachedUntilShortlyBeforeItExpires() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
        ClientCredentialsTokenSource tokens = new ClientCredentialsTokenSource(URI.create(connector.tokenEndpoint()),
                "app", "secret", clock);

        assertThat(tokens.token()).isEqualTo(FakeBotConnector.ACCESS_TOKEN);
        connector.setAccessToken("second-token");
        clock.advance(Duration.ofMinutes(54));
        assertThat(tokens.token()).as("still cached").isEqualTo(FakeBotConnector.ACCESS_TOKEN);
        clock.advance(Duration.ofMinutes(2));
        assertThat(tokens.token()).as("refreshed 5 minutes before the hour is up").isEqualTo("second-token");
        assertThat(connector.tokenRequests()).hasSize(2);
    }
}
