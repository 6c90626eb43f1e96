package io.opsbot.slack.socket;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Waits between attempts to reconnect: doubling from {@code first} up to {@code max}, each wait drawn between half and
 * all of that ("equal jitter"), so instances that lost Slack together do not come back in lockstep.
 */
record Backoff(Duration first, Duration max, RandomGenerator random) {

    /** The wait after the {@code failures}-th failure in a row (1 for the first). */
    Duration after(int failures) {
        long ceiling = first.toMillis() << Math.min(Math.max(failures - 1, 0), 20);
        long capped = Math.min(ceiling <= 0 ? max.toMillis() : ceiling, max.toMillis());
        long half = capped / 2;
        return Duration.ofMillis(half + (half > 0 ? random.nextLong(half + 1) : 0));
    }
}
