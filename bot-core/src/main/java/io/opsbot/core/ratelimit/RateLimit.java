package io.opsbot.core.ratelimit;

import java.time.Duration;
import java.util.Objects;

/**
 * A token bucket: up to {@code burst} at once, then one more every {@code every}. {@code perSecond(1, 4)} is "about
 * one a second, bursts of four".
 */
public record RateLimit(int burst, Duration every) {

    public RateLimit {
        Objects.requireNonNull(every, "every");
        if (burst < 1 || every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("a rate limit needs a burst of at least 1 and a positive interval");
        }
    }

    /** {@code rate} a second on average, with bursts of {@code burst}. */
    public static RateLimit perSecond(double rate, int burst) {
        return new RateLimit(burst, Duration.ofNanos(Math.round(1_000_000_000 / rate)));
    }

    /** {@code rate} a minute on average, with bursts of {@code burst}. */
    public static RateLimit perMinute(double rate, int burst) {
        return new RateLimit(burst, Duration.ofNanos(Math.round(60_000_000_000.0 / rate)));
    }

    /** How long an empty bucket takes to fill up: how long its state is worth keeping. */
    Duration fullAfter() {
        return every.multipliedBy(burst);
    }
}
