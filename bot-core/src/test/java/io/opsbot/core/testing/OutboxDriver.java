package io.opsbot.core.testing;

import io.opsbot.core.delivery.Delivery;
import io.opsbot.core.delivery.Outbox;
import org.awaitility.Awaitility;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Duration;
import java.time.Instant;

/**
 * Plays the outbox's retry job with the clock following real time, as it does in production: for tests whose fakes
 * answer with real-time facts (Retry-After, Slack timestamps a lost post is looked up by).
 */
public final class OutboxDriver {

    private final Outbox outbox;
    private final MongoTemplate mongo;
    private final MutableClock clock;

    public OutboxDriver(Outbox outbox, MongoTemplate mongo, MutableClock clock) {
        this.outbox = outbox;
        this.mongo = mongo;
        this.clock = clock;
    }

    /** Retries what is due, every 100 ms, for {@code time}. */
    public void retryFor(Duration time) {
        long end = System.nanoTime() + time.toNanos();
        while (System.nanoTime() < end) {
            clock.set(Instant.now());
            outbox.retryDue();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Retries until no delivery whose key starts with {@code prefix} is pending, or {@code limit} has passed. */
    public long retryUntilSent(String prefix, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (pending(prefix) > 0 && System.nanoTime() < deadline) {
            retryFor(Duration.ofMillis(500));
        }
        return pending(prefix);
    }

    /**
     * Waits (up to 10 s) until every delivery whose key starts with {@code prefix} has had its first attempt and none
     * is in flight: for tests that read a fake platform right after a request whose answer the outbox posts after
     * the request (a Teams reply).
     */
    public static void awaitAttempted(MongoTemplate mongo, String prefix) {
        Query unsettled = Query.query(Criteria.where("_id").regex("^" + java.util.regex.Pattern.quote(prefix))
                .and("state").is(Delivery.State.PENDING).orOperator(Criteria.where("attempts").is(0),
                        Criteria.where("leaseUntil").ne(null)));
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                .until(() -> !mongo.exists(unsettled, Delivery.class));
    }

    /** Deliveries not sent yet whose key starts with {@code prefix}. */
    public long pending(String prefix) {
        return mongo.count(Query.query(Criteria.where("_id").regex("^" + java.util.regex.Pattern.quote(prefix))
                .and("state").is(Delivery.State.PENDING)), Delivery.class);
    }
}
