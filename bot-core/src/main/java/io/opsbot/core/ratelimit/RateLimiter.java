package io.opsbot.core.ratelimit;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.opsbot.core.storage.Unjournaled;
import org.bson.Document;
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
 * Token buckets kept in MongoDB, so every instance draws from the same ones. A bucket is one number, the time at which
 * it is full again (the "theoretical arrival time" of the generic cell rate algorithm): it holds a token while that
 * time is less than {@code burst - 1} intervals ahead, and taking {@code k} tokens moves it {@code k} intervals on (from
 * now, if it was in the past). So a take is one write, never a read and then a write: "make it, k intervals from
 * now" (an insert, for a bucket this instance has not used lately), "full, or gone: set it to now plus k intervals"
 * (an upsert) or "at most burst - k intervals ahead: add k intervals", whichever what this instance last saw of the
 * bucket makes likely. The database applies each to the bucket as it is at that moment, so instances and threads
 * taking at once never get more than the bucket holds; a take whose first guess was wrong tries the next, and only
 * one that finds none of them reads the bucket, to say how long until a token.
 *
 * <p>Limits measure real time: they pace the bot against people and platforms, so they run on the system clock, never
 * on the application's {@link Clock} bean (which tests move to make schedules fire).
 */
@Service
public class RateLimiter implements InitializingBean {

    static final String COLLECTION = "rate_limits";
    static final String FULL_AT = "fullAt";
    private static final int ATTEMPTS = 5;
    /** What a caller is told to wait when the bucket is too contended to take from in {@link #ATTEMPTS} tries. */
    private static final Duration CONTENDED = Duration.ofMillis(200);

    /**
     * A bucket of a large burst (a workspace's pace) is drawn in batches of up to this many tokens, the ones not
     * needed yet held by this instance for {@link #HELD}: a fan-out's sends then write the shared bucket once every
     * few sends instead of once each. Tokens held are gone from the shared bucket, so no instance can go past the
     * limit; one held and not used lapses (the bucket is used a little less than it could be).
     */
    private static final int MAX_BATCH = 10;
    private static final Duration HELD = Duration.ofSeconds(1);

    /** How many buckets this instance remembers before it forgets the ones full again. */
    private static final int MAX_REMEMBERED = 20_000;

    private final MongoTemplate mongo;
    private final Clock time;
    /**
     * When each bucket this instance last wrote or read is full again, in nanoseconds of the epoch. Other instances
     * only ever move that time on, so this is at most the bucket's: it picks which update to try first, and a bucket
     * it says is empty is empty without asking the database.
     */
    private final Map<String, Long> fullAtLeast = new ConcurrentHashMap<>();
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
        long every = limit.every().toNanos();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            long now = nanos(time.instant());
            Long known = fullAtLeast.get(key);
            if (known != null && known - now > (limit.burst() - 1) * every) {
                return Optional.of(untilToken(known, now, limit));
            }
            int batch = batchOf(limit);
            if (known == null || known <= now) {
                // Not used here lately: most likely not there (full buckets expire), so made straight away, an insert
                // being the cheapest write (a fan-out's DMs are each a new bucket). Else most likely full: one upsert
                // whether it is there or not.
                long fullAt = now + batch * every;
                if ((known == null && create(key, fullAt)) || takeFromFull(key, now, fullAt)) {
                    remember(key, fullAt, now);
                    hold(key, batch - 1, now);
                    return Optional.empty();
                }
                known = now + every;
            }
            int tokens = (int) Math.max(1, Math.min(batch, (now + limit.burst() * every - known) / every));
            // A bucket of one token is full or empty, never in between.
            Long after = tokens < limit.burst() ? takeFromPartial(key, limit, now, tokens) : null;
            if (after != null) {
                remember(key, after, now);
                hold(key, tokens - 1, now);
                return Optional.empty();
            }
            // Neither: fewer tokens than asked for (or full again meanwhile). Read it to know which.
            Bucket bucket = mongo.findById(key, Bucket.class, COLLECTION);
            if (bucket != null) {
                fullAtLeast.put(key, bucket.fullAt());
            } else {
                fullAtLeast.remove(key);
            }
        }
        return Optional.of(CONTENDED);
    }

    /** How long until a bucket full again at {@code fullAt} holds a token. */
    private static Duration untilToken(long fullAt, long now, RateLimit limit) {
        return Duration.ofNanos(fullAt - (limit.burst() - 1) * limit.every().toNanos() - now);
    }

    /** Makes the bucket, full again at {@code fullAt} (the tokens taken); false when it is there already. */
    private boolean create(String key, long fullAt) {
        try {
            mongo.insert(new Bucket(key, fullAt, 1, instant(fullAt)), COLLECTION);
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /**
     * Sets the bucket full again at {@code fullAt} (the tokens taken) if it is full or gone (then made); false when
     * it holds fewer.
     */
    private boolean takeFromFull(String key, long now, long fullAt) {
        try {
            mongo.upsert(Query.query(Criteria.where("_id").is(key).and(FULL_AT).lte(now)),
                    new Update().set(FULL_AT, fullAt).set("expireAt", instant(fullAt)).inc("writes", 1),
                    COLLECTION);
            return true;
        } catch (DuplicateKeyException e) {
            // It is there and not full: the upsert's insert ran into it.
            return false;
        }
    }

    /**
     * Takes {@code tokens} from a bucket that holds at least that many and is not full: when it is full again after,
     * or null. Through the collection, as the template sends {@code findAndModify} without the write concern.
     */
    private Long takeFromPartial(String key, RateLimit limit, long now, int tokens) {
        long every = limit.every().toNanos();
        Document after = Unjournaled.collection(mongo, COLLECTION).findOneAndUpdate(
                Filters.and(Filters.eq("_id", key), Filters.gt(FULL_AT, now),
                        Filters.lte(FULL_AT, now + (limit.burst() - tokens) * every)),
                // Full again at most a whole burst from now: then it may go.
                Updates.combine(Updates.inc(FULL_AT, tokens * every),
                        Updates.set("expireAt", instant(now + limit.burst() * every)), Updates.inc("writes", 1)),
                new FindOneAndUpdateOptions().projection(Projections.include(FULL_AT))
                        .returnDocument(ReturnDocument.AFTER));
        return after == null ? null : after.getLong(FULL_AT);
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

    private void hold(String key, int tokens, long now) {
        if (tokens < 1) {
            return;
        }
        Instant at = instant(now);
        Instant until = at.plus(HELD);
        held.merge(key, new Held(tokens, until), (old, added) -> old.until().isAfter(at)
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

    /** Remembers when the bucket is full again (never earlier than known); forgets buckets full long ago. */
    private void remember(String key, long fullAt, long now) {
        if (fullAtLeast.size() > MAX_REMEMBERED) {
            fullAtLeast.values().removeIf(full -> full <= now);
        }
        fullAtLeast.merge(key, fullAt, Math::max);
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    @Override
    public void afterPropertiesSet() {
        // MongoDB drops full buckets itself (a full bucket is the same as none).
        mongo.indexOps(COLLECTION).createIndex(new Index().on("expireAt", Sort.Direction.ASC)
                .expire(0, TimeUnit.SECONDS).named("rate_limits_ttl"));
        // Buckets an earlier version kept as tokens and a time: dropped, so they count as full (as after a crash).
        mongo.remove(Query.query(Criteria.where(FULL_AT).exists(false)), COLLECTION);
    }

    /** A bucket: when it is full again (epoch nanoseconds), how often it was written, when it may go. */
    record Bucket(String id, long fullAt, long writes, Instant expireAt) {
    }
}
