package io.opsbot.slack.outbound;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import java.time.Clock;
import java.time.Duration;

/**
 * Slack's Web API in {@code /actuator/health} (component {@code slackWebApi}, group {@code slack}): whether what the
 * bot sends reaches Slack. DOWN at once when Slack refuses the one bot token (revoked, expired: asking again will not
 * help; with installs by OAuth one workspace's token says nothing of the others), and when Slack has not answered for
 * longer than {@code downAfter}; UP before the first call.
 */
public class SlackWebApiHealthIndicator extends AbstractHealthIndicator {

    private final SlackWebApiStatus status;
    private final boolean oneToken;
    private final Duration downAfter;
    private final Clock clock;

    public SlackWebApiHealthIndicator(SlackWebApiStatus status, boolean oneToken, Duration downAfter, Clock clock) {
        this.status = status;
        this.oneToken = oneToken;
        this.downAfter = downAfter;
        this.clock = clock;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        SlackWebApiStatus.Snapshot now = status.snapshot();
        if (now.lastAnswer() != null) {
            builder.withDetail("lastAnswer", now.lastAnswer().toString());
        }
        if (now.failingSince() == null) {
            builder.up().withDetail("webApi", now.lastAnswer() == null ? "not called yet" : "ok");
            return;
        }
        boolean refused = now.refused() && oneToken;
        Duration failing = Duration.between(now.failingSince(), clock.instant());
        // The error is the method and Slack's error code (or the HTTP status, the exception's class): no token, no body.
        builder.status(refused || failing.compareTo(downAfter) >= 0 ? "DOWN" : "UP")
                .withDetail("webApi", now.refused() ? "token refused" : "unreachable")
                .withDetail("failingSince", now.failingSince().toString())
                .withDetail("lastError", now.lastError());
    }
}
