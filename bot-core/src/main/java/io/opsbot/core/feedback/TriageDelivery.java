package io.opsbot.core.feedback;

import io.opsbot.core.messaging.PostedMessage;

import java.time.Instant;

/**
 * The state of an item's post to the triage channel. The item is saved before any post is tried, so a failed post
 * loses nothing: it stays {@code PENDING} with a next attempt time until it is posted or given up.
 */
public record TriageDelivery(State state, int attempts, Instant nextAttemptAt, Instant leaseUntil, String lastError,
                             PostedMessage posted) {

    public enum State {
        /** Waiting for a (first or further) attempt. */
        PENDING,
        /** Posted; {@code posted} says where. */
        POSTED,
        /** The tenant has no triage channel; posted once one is set. */
        NO_CHANNEL,
        /** Rejected for good or out of attempts; {@code lastError} says why. */
        FAILED
    }

    public static TriageDelivery pending(Instant now) {
        return new TriageDelivery(State.PENDING, 0, now, null, null, null);
    }
}
