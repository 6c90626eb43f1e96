package io.opsbot.core.ratelimit;

import io.opsbot.core.testing.CoreTest;
import io.opsbot.core.testing.DatabaseCommands;
import io.opsbot.core.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Token buckets in MongoDB: two instances draw from the same bucket; a bucket refills with time. */
@CoreTest
class RateLimiterTest {

    @Autowired
    MongoTemplate mongo;
    @Autowired
    DatabaseCommands commands;

    private final MutableClock time = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    /** Two bot instances on one database. */
    private final RateLimiter[] instances = new RateLimiter[2];

    private RateLimiter instance(int i) {
        if (instances[i] == null) {
            instances[i] = new RateLimiter(mongo, time);
        }
        return instances[i];
    }

    @Test
    void twoInstancesShareOneBucketAndItRefillsWithTime() {
        String key = "test:" + UUID.randomUUID();
        RateLimit limit = RateLimit.perSecond(1, 3);

        assertThat(instance(0).tryTake(key, limit)).isEmpty();
        assertThat(instance(1).tryTake(key, limit)).isEmpty();
        assertThat(instance(0).tryTake(key, limit)).isEmpty();
        Optional<Duration> wait = instance(1).tryTake(key, limit);

        assertThat(wait).as("the burst of 3 is spent, whichever instance took it").contains(Duration.ofSeconds(1));
        time.advance(Duration.ofMillis(400));
        assertThat(instance(0).tryTake(key, limit)).contains(Duration.ofMillis(600));
        time.advance(Duration.ofMillis(600));
        assertThat(instance(1).tryTake(key, limit)).isEmpty();
        time.advance(Duration.ofHours(1));
        for (int i = 0; i < 3; i++) {
            assertThat(instance(i % 2).tryTake(key, limit)).as("full again, but never above the burst").isEmpty();
        }
        assertThat(instance(0).tryTake(key, limit)).isPresent();
    }

    @Test
    void aLargeBucketIsDrawnInBatchesAndNoInstanceGoesPastIt() {
        String key = "test:" + UUID.randomUUID();
        RateLimit workspace = RateLimit.perMinute(300, 60);
        assertThat(RateLimiter.batchOf(workspace)).isEqualTo(3);

        int taken = 0;
        for (int i = 0; i < 80; i++) {
            if (instance(i % 2).tryTake(key, workspace).isEmpty()) {
                taken++;
            }
        }
        assertThat(taken).as("never more than the burst, whichever instance holds what").isBetween(56, 60);
        long writes = mongo.findById(key, RateLimiter.Bucket.class, RateLimiter.COLLECTION).writes();
        assertThat(writes).as("writes of the shared bucket for %d tokens", taken).isLessThanOrEqualTo(25);

        // A second later five tokens have come back (one every 200 ms), and whatever was held is gone.
        time.advance(Duration.ofMillis(1001));
        int later = 0;
        for (int i = 0; i < 10; i++) {
            if (instance(i % 2).tryTake(key, workspace).isEmpty()) {
                later++;
            }
        }
        assertThat(later).isEqualTo(5);
    }

    @Test
    void aTakeIsOneCommandAndABucketKnownEmptyIsNone() {
        String key = "test:" + UUID.randomUUID();
        RateLimit limit = RateLimit.perSecond(1, 2);

        assertThat(commands.during(() -> assertThat(instance(0).tryTake(key, limit)).isEmpty()))
                .as("a new bucket: made and taken from in one insert").containsExactly("insert rate_limits");
        assertThat(commands.during(() -> assertThat(instance(0).tryTake(key, limit)).isEmpty()))
                .as("a bucket with a token left, as this instance knows").containsExactly("findAndModify rate_limits");
        assertThat(commands.during(() -> assertThat(instance(0).tryTake(key, limit)).contains(Duration.ofSeconds(1))))
                .as("empty, as this instance knows: other instances only ever take more").isEmpty();
        time.advance(Duration.ofSeconds(5));
        assertThat(commands.during(() -> assertThat(instance(0).tryTake(key, limit)).isEmpty()))
                .as("full again").containsExactly("update rate_limits");

        // Another instance knows nothing of it: it tries to make it, to take from it full, then to take what is left.
        assertThat(commands.during(() -> assertThat(instance(1).tryTake(key, limit)).isEmpty()))
                .containsExactly("insert rate_limits", "update rate_limits", "findAndModify rate_limits");
        assertThat(commands.during(() -> assertThat(instance(0).tryTake(key, limit)).contains(Duration.ofSeconds(1))))
                .as("this instance thought one token was left: the database says when the next one comes")
                .containsExactly("findAndModify rate_limits", "find rate_limits");

        String single = "test:" + UUID.randomUUID();
        RateLimit one = RateLimit.perMinute(1, 1);
        assertThat(instance(0).tryTake(single, one)).isEmpty();
        assertThat(commands.during(() -> assertThat(instance(1).tryTake(single, one)).isPresent()))
                .as("a bucket of one token is full or empty: no partial take to try")
                .containsExactly("insert rate_limits", "update rate_limits", "find rate_limits");
    }

    @Test
    void aBucketOfAnEarlierVersionCountsAsFull() {
        String key = "test:" + UUID.randomUUID();
        mongo.getCollection(RateLimiter.COLLECTION).insertOne(new org.bson.Document("_id", key).append("tokens", 0.0)
                .append("at", java.util.Date.from(time.instant())).append("v", 7L));

        instance(0).afterPropertiesSet();

        assertThat(mongo.getCollection(RateLimiter.COLLECTION).countDocuments(new org.bson.Document("_id", key)))
                .isZero();
        assertThat(instance(0).tryTake(key, RateLimit.perMinute(1, 1))).isEmpty();
    }

    @Test
    void concurrentTakersNeverGetMoreThanTheBucketHolds() throws Exception {
        String key = "test:" + UUID.randomUUID();
        RateLimit limit = RateLimit.perMinute(1, 25);
        AtomicInteger taken = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            Future<?>[] futures = new Future<?>[80];
            for (int i = 0; i < futures.length; i++) {
                RateLimiter limiter = instance(i % 2);
                futures[i] = pool.submit(() -> {
                    if (limiter.tryTake(key, limit).isEmpty()) {
                        taken.incrementAndGet();
                    }
                });
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(taken.get()).isLessThanOrEqualTo(25).isGreaterThan(0);
    }

    @Test
    void takeWaitsOutAShortWaitAndReportsALongOne() {
        RateLimiter real = new RateLimiter(mongo);
        String key = "test:" + UUID.randomUUID();
        RateLimit fast = RateLimit.perSecond(10, 1);
        RateLimit slow = RateLimit.perMinute(1, 1);

        long start = System.nanoTime();
        assertThat(real.take(key, fast, Duration.ofSeconds(1))).isEmpty();
        assertThat(real.take(key, fast, Duration.ofSeconds(1))).as("100 ms away: waited for").isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the second token came 100 ms after the first")
                .isGreaterThanOrEqualTo(Duration.ofMillis(95));

        String other = "test:" + UUID.randomUUID();
        assertThat(real.take(other, slow, Duration.ofSeconds(1))).isEmpty();
        assertThat(real.take(other, slow, Duration.ofSeconds(1))).as("a minute away: reported, not waited for")
                .hasValueSatisfying(w -> assertThat(w).isGreaterThan(Duration.ofSeconds(50)));
    }
}
