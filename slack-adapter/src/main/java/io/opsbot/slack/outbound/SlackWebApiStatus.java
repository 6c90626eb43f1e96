package io.opsbot.slack.outbound;

import java.time.Clock;
import java.time.Instant;

/**
 * How the bot's last Web API calls went: what {@link SlackWebApiHealthIndicator} reports. Over HTTP, Slack keeps
 * sending requests in while the bot cannot reach the Web API (a network cut, an outage, a revoked token), so only the
 * outbound side shows that nothing the bot sends arrives.
 */
public class SlackWebApiStatus {

    /**
     * The last outcome: {@code failingSince} is when the current run of failures began (null while Slack answers);
     * {@code refused} says the last failure was Slack refusing the token, which asking again will not mend.
     */
    record Snapshot(Instant lastAnswer, Instant failingSince, String lastError, boolean refused) {
    }

    private final Clock clock;
    private volatile Snapshot snapshot = new Snapshot(null, null, null, false);

    public SlackWebApiStatus(Clock clock) {
        this.clock = clock;
    }

    /** Slack answered: a success, or an error about one conversation or person, or a rate limit. */
    void answered() {
        if (snapshot.failingSince() != null || snapshot.lastAnswer() == null
                || snapshot.lastAnswer().isBefore(clock.instant().minusSeconds(1))) {
            synchronized (this) {
                snapshot = new Snapshot(clock.instant(), null, null, false);
            }
        }
    }

    /** No answer worth the name: no connection, a timeout, a 5xx, Slack's internal_error; or the token refused. */
    synchronized void failed(String error, boolean refused) {
        Instant since = snapshot.failingSince() == null ? clock.instant() : snapshot.failingSince();
        snapshot = new Snapshot(snapshot.lastAnswer(), since, error, refused);
    }

    Snapshot snapshot() {
        return snapshot;
    }
}
