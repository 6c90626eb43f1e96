package io.opsbot.core.feedback;

import java.time.Duration;

/**
 * A call to Jira or Trello that did not work: {@code status} is the HTTP status (0 when the service could not be
 * reached), {@code message} the service's own words (safe to show the admin: never a credential), {@code retryAfter}
 * what a 429 or 503 asked us to wait (null if it said nothing).
 */
public class TrackerException extends RuntimeException {

    private final int status;
    private final Duration retryAfter;

    public TrackerException(int status, String message, Duration retryAfter) {
        super(message);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Down, unreachable, rate-limited or overloaded: worth trying again later, unlike a refusal. */
    public boolean retryable() {
        return status == 0 || status == 429 || status >= 500;
    }

    /** The credentials were refused (a revoked token, a wrong e-mail). */
    public boolean unauthorized() {
        return status == 401 || status == 403;
    }
}
