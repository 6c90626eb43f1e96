package io.opsbot.slack.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Logs refused requests without letting the internet write into the log: only a fixed reason is logged (never a
 * header, a body or anything else the sender chose), and at most one line per reason per minute with a count of the
 * ones in between, so a flood of junk costs a line a minute.
 */
public final class RefusedRequests {

    private static final Logger log = LoggerFactory.getLogger(RefusedRequests.class);
    static final Duration QUIET = Duration.ofMinutes(1);

    /** Refusals not logged yet, and when the next line may be written. */
    private static final class Tally {
        final AtomicLong pending = new AtomicLong();
        volatile Instant nextLine = Instant.MIN;
    }

    private final Map<String, Tally> tallies = new ConcurrentHashMap<>();
    private final Clock clock;

    public RefusedRequests(Clock clock) {
        this.clock = clock;
    }

    public void refused(String reason) {
        Tally tally = tallies.computeIfAbsent(reason, r -> new Tally());
        tally.pending.incrementAndGet();
        Instant now = clock.instant();
        synchronized (tally) {
            if (now.isBefore(tally.nextLine)) {
                return;
            }
            tally.nextLine = now.plus(QUIET);
        }
        log.warn("Refused {} Slack request(s): {}", tally.pending.getAndSet(0), reason);
    }
}
