package io.opsbot.core.gateway;

import java.time.Duration;

/** A send or update that did not reach the platform. {@link Reason} tells callers whether trying again can help. */
public class DeliveryException extends RuntimeException {

    public enum Reason {
        /** The platform asked us to slow down; try again after {@link #retryAfter()}. */
        RATE_LIMITED,
        /** Network trouble or a 5xx: worth trying again. */
        TRANSIENT,
        /** The bot cannot reach this person or channel (not installed, not a member, archived). */
        UNREACHABLE,
        /** Rejected for good (bad request, missing scope). Trying again will not help. */
        REJECTED
    }

    private final Reason reason;
    private final transient Duration retryAfter;

    public DeliveryException(Reason reason, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public DeliveryException(Reason reason, String message) {
        this(reason, message, null, null);
    }

    public Reason reason() {
        return reason;
    }

    /** How long the platform asked us to wait, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public boolean retryable() {
        return reason == Reason.RATE_LIMITED || reason == Reason.TRANSIENT;
    }
}
