package io.opsbot.core.ratelimit;

import io.opsbot.core.storage.Unjournaled;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Token buckets kept in MongoDB, so every instance draws from the same ones. Taking a token reads the bucket, tops it
 * up for the time elapsed, and writes it back only if nobody else wrote it meanwhile (a version number), trying again
 * if someone did.
 *
 * <p>Limits measure real time: they pace the bot against people and platforms, so they run on the system clock, never
 * on the application's {@link Clock} bean (which tests move to make schedules fire).
 */
@Service
public class RateLimiter implements InitializingBean {

    static final String COLLECTION = "rate_limits";
    private static final int ATTEMPTS = 5;
    /** What a caller is told to wait when the bucket is too contended to read in {@link #ATTEMPTS} tries. */
    private static final Duration CONTENDED = Duration.ofMillis(200);

    /**
     * A bucket of a large burst (a workspace's pace) is drawn in batches of up to this many tokens, the ones not
     * needed yet held by this instance for {@link #HELD}: a fan-out's sends then read and write the shared bucket
     * once every few sends instead of twice each. Tokens held are gone from the shared bucket, so no instance can go
     * past the limit; one held and not used lapses (the bucket is used a little less than it could be).
     */
    private static final int MAX_BATCH = 10;
    private static final Duration HELD = Duration.ofSeconds(1);

    /** How many buckets this instance remembers having used before it forgets the expired ones. */
    private static final int MAX_REMEMBERED = 20_000;

    private final MongoTemplate mongo;
    private final Clock time;
    /** Buckets this instance took from, until when they could still exist (a full bucket expires). */
    private final Map<String, Instant> used = new ConcurrentHashMap<>();
    /** Tokens this instance took from a bucket ahead of need, by bucket. */
    private final Map<String, Held> held = new ConcurrentHashMap<>();

    @Autowired
    public RateLimiter(MongoTemplate mongo) {
        this(mongo, Clock.systemUTC());
    }

    RateLimiter(MongoTemplate mongo, Clock time) {
        this.mongo = mongo;
        this.time = time;
    }

    /**
     * Takes a token from the bucket {@code key}: empty when one was there, else how long until one will be. The
     * bucket's writes do not wait for the disk ({@link Unjournaled}): a crash that loses one leaves a bucket fuller
     * than it was, i.e. lets through at most one burst more right after a restart, which pacing people and platforms
     * tolerates (the platforms enforce their own limits and the bot retries after theirs).
     */
    public Optional<Duration> tryTake(String key, RateLimit limit) {
        return Unjournaled.write(() -> tryTakeOnce(key, limit));
    }

    private Optional<Duration> tryTakeOnce(String key, RateLimit limit) {
        if (takeHeld(key, time.instant())) {
            return Optional.empty();
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Instant now = time.instant();
            // A bucket this instance has not used lately is most likely not there (full buckets expire): created
            // straight away, one command instead of a read and an insert (a fan-out's DMs are each a new bucket).
            if (attempt == 0 && !recentlyUsed(key, now) && create(key, limit, now)) {
                return Optional.empty();
            }
            Bucket bucket = mongo.findById(key, Bucket.class, COLLECTION);
            if (bucket == null) {
                if (create(key, limit, now)) {
                    return Optional.empty();
                }
                continue;
            }
            used.put(key, now.plus(limit.fullAfter()));
            double elapsed = Math.max(0, Duration.between(bucket.at(), now).toNanos());
            double tokens = Math.min(limit.burst(), bucket.tokens() + elapsed / limit.every().toNanos());
            if (tokens < 1) {
                return Optional.of(Duration.ofNanos((long) Math.ceil((1 - tokens) * limit.every().toNanos())));
            }
            int batch = (int) Math.min(batchOf(limit), Math.floor(tokens));
            boolean taken = mongo.updateFirst(Query.query(Criteria.where("_id").is(key).and("v").is(bucket.v())),
                    new Update().set("tokens", tokens - batch).set("at", now).inc("v", 1)
                            .set("expireAt", now.plus(limit.fullAfter())),
                    COLLECTION).getModifiedCount() == 1;
            if (taken) {
                if (batch > 1) {
                    hold(key, batch - 1, now);
                }
                return Optional.empty();
            }
        }
        return Optional.of(CONTENDED);
    }

    /** A twentieth of the burst, 1 to {@link #MAX_BATCH}: small buckets (a channel's) are taken a token at a time. */
    static int batchOf(RateLimit limit) {
        return Math.max(1, Math.min(MAX_BATCH, limit.burst() / 20));
    }

    private boolean takeHeld(String key, Instant now) {
        boolean[] took = {false};
        held.computeIfPresent(key, (k, h) -> {
            if (!h.until().isAfter(now)) {
                return null;
            }
            took[0] = true;
            return h.tokens() > 1 ? new Held(h.tokens() - 1, h.until()) : null;
        });
        return took[0];
    }

    private void hold(String key, int tokens, Instant now) {
        Instant until = now.plus(HELD);
        held.merge(key, new Held(tokens, until), (old, added) -> old.until().isAfter(now)
                ? new Held(old.tokens() + added.tokens(), until) : added);
    }

    /** Tokens held, and until when they may be used. */
    private record Held(int tokens, Instant until) {
    }

    /**
     * Takes a token, waiting for one as long as that takes no more than {@code maxWait} in all: empty once taken,
     * else how long a token is still away (the caller defers the work rather than hold its thread longer).
     */
    public Optional<Duration> take(String key, RateLimit limit, Duration maxWait) {
        Instant deadline = time.instant().plus(maxWait);
        while (true) {
            Optional<Duration> wait = tryTake(key, limit);
            if (wait.isEmpty() || time.instant().plus(wait.get()).isAfter(deadline)) {
                return wait;
            }
            try {
                Thread.sleep(Math.max(1, wait.get().toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return wait;
            }
        }
    }

    /** Whether this instance took from the bucket before it could have expired; forgets buckets long expired. */
    private boolean recentlyUsed(String key, Instant now) {
        Instant until = used.get(key);
        if (used.size() > MAX_REMEMBERED) {
            used.values().removeIf(expiry -> expiry.isBefore(now));
        }
        return until != null && until.isAfter(now);
    }

    /** Inserts a full bucket less the token taken now; false when it exists (another caller made it). */
    private boolean create(String key, RateLimit limit, Instant now) {
        try {
            mongo.insert(new Bucket(key, limit.burst() - 1, now, 0, now.plus(limit.fullAfter())), COLLECTION);
            used.put(key, now.plus(limit.fullAfter()));
            return true;
        } catch (DuplicateKeyException e) {
            used.put(key, now.plus(limit.fullAfter()));
            return false;
        }
    }

    @Override
    public void afterPropertiesSet() {
        // MongoDB drops full buckets itself (a full bucket is the same as none).
        mongo.indexOps(COLLECTION).createIndex(new Index().on("expireAt", Sort.Direction.ASC)
                .expire(0, TimeUnit.SECONDS).named("rate_limits_ttl"));
    }

    record Bucket(String id, double tokens, Instant at, long v, Instant expireAt) {
    }
}
