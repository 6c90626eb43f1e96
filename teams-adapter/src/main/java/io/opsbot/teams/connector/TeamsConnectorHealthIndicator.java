package io.opsbot.teams.connector;

import io.opsbot.teams.TeamsProperties;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;

/**
 * Teams in {@code /actuator/health} (component {@code teamsConnector}, group {@code teams}): whether the bot can get
 * the token every Bot Connector call needs. DOWN at once when the identity platform refuses the bot's credentials (an
 * expired secret, a wrong tenant: asking again will not help), and when it has been unreachable for longer than
 * {@link TeamsProperties#tokenDownAfter()}; UP before the first send and in local mode, which uses no token.
 */
@Component
class TeamsConnectorHealthIndicator extends AbstractHealthIndicator {

    private final BotTokenStatus status;
    private final TeamsProperties properties;
    private final Clock clock;

    TeamsConnectorHealthIndicator(BotTokenStatus status, TeamsProperties properties, Clock clock) {
        this.status = status;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (!properties.hasAppId()) {
            builder.up().withDetail("token", "none needed (local mode, no app id)");
            return;
        }
        builder.withDetail("botType", properties.botType().setting());
        BotTokenStatus.Snapshot now = status.snapshot();
        if (now.lastSuccess() != null) {
            builder.withDetail("lastToken", now.lastSuccess().toString());
        }
        if (now.failingSince() == null) {
            builder.up().withDetail("token", now.lastSuccess() == null ? "not needed yet" : "ok");
            return;
        }
        TokenRequestException failure = now.lastFailure();
        Duration failing = Duration.between(now.failingSince(), clock.instant());
        // The exception's message holds the status and error code only (never the request), see MsalBotTokens.
        builder.status(failure.refused() || failing.compareTo(properties.tokenDownAfter()) >= 0 ? "DOWN" : "UP")
                .withDetail("token", failure.refused() ? "refused" : "unreachable")
                .withDetail("failingSince", now.failingSince().toString())
                .withDetail("lastError", failure.getMessage());
    }
}
