package io.opsbot.core.ratelimit;

import io.opsbot.core.conversation.UserError;
import io.opsbot.core.tenant.UserRef;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * How fast one person may create data (feedback items, trainings, announcements): a burst of twenty, then one every
 * three seconds, counted across instances. Past that the person is asked, politely, to slow down; nothing is stored.
 * Far above anyone typing feedback by hand, far below a script flooding the triage channel or everyone's DMs.
 */
@Component
public class PersonRateLimit {

    static final RateLimit CREATE = RateLimit.perMinute(20, 20);

    private final RateLimiter limiter;

    public PersonRateLimit(RateLimiter limiter) {
        this.limiter = limiter;
    }

    /** Throws a {@link UserError} asking to slow down when {@code person} is creating faster than allowed. */
    public void checkCreate(UserRef person) {
        limiter.tryTake("create:" + person.key(), CREATE).ifPresent(wait -> {
            throw new UserError("Whoa, that's a lot at once. Please slow down and try again in "
                    + seconds(wait) + ". Nothing was saved.");
        });
    }

    private static String seconds(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return seconds == 1 ? "a second" : seconds + " seconds";
    }
}
