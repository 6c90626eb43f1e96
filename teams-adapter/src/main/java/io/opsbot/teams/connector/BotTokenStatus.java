package io.opsbot.teams.connector;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

/**
 * How the last requests for the bot's own token went: what {@link TeamsConnectorHealthIndicator} reports. Without a
 * token nothing reaches Teams, yet the endpoint still takes messages in, so only this shows the outbound side is stuck.
 */
@Component
public class BotTokenStatus {

    /** The last outcome: {@code failingSince} is when the current run of failures began, null while it works. */
    record Snapshot(Instant lastSuccess, Instant failingSince, TokenRequestException lastFailure) {
    }

    private final Clock clock;
    private volatile Snapshot snapshot = new Snapshot(null, null, null);

    public BotTokenStatus(Clock clock) {
        this.clock = clock;
    }

    synchronized void succeeded() {
        snapshot = new Snapshot(clock.instant(), null, null);
    }

    synchronized void failed(TokenRequestException failure) {
        Instant since = snapshot.failingSince() == null ? clock.instant() : snapshot.failingSince();
        snapshot = new Snapshot(snapshot.lastSuccess(), since, failure);
    }

    Snapshot snapshot() {
        return snapshot;
    }
}
