package io.opsbot.slack.socket;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Slack's Socket Mode connection in {@code /actuator/health}: UP while connected and while reconnecting for less than
 * {@link SocketModeProperties#getDownAfter()}; DOWN after that, so an orchestrator restarts the bot or alerts instead
 * of leaving it deaf.
 */
class SocketModeHealthIndicator extends AbstractHealthIndicator {

    private final SocketModeSupervisor supervisor;
    private final SocketModeProperties properties;
    private final Clock clock;

    SocketModeHealthIndicator(SocketModeSupervisor supervisor, SocketModeProperties properties, Clock clock) {
        this.supervisor = supervisor;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        SocketModeSupervisor.Status status = supervisor.status();
        if (status.connected()) {
            builder.up().withDetail("socketMode", "connected");
            return;
        }
        Instant since = status.downSince() == null ? clock.instant() : status.downSince();
        Duration down = Duration.between(since, clock.instant());
        builder.status(down.compareTo(properties.downAfter()) < 0 ? "UP" : "DOWN")
                .withDetail("socketMode", "reconnecting").withDetail("downSince", since.toString())
                .withDetail("failedAttempts", status.failures());
        if (status.lastError() != null) {
            builder.withDetail("lastError", status.lastError());
        }
    }
}
