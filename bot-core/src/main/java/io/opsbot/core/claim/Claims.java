package io.opsbot.core.claim;

import com.mongodb.bulk.BulkWriteError;
import io.opsbot.core.storage.Lookups;
import io.opsbot.core.storage.Unjournaled;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * "Do this once" across retries, restarts and instances: a claim is an insert under a unique key, so of any number of
 * attempts exactly one succeeds. Used for Slack event ids (Slack redelivers unacknowledged events), card submissions,
 * and every scheduled nudge (ritual, occurrence, recipient) before it is sent.
 */
@Service
public class Claims {

    public static final String COLLECTION = "claims";
    private static final int DUPLICATE_KEY = 11000;

    private final MongoTemplate mongo;
    private final Clock clock;

    public Claims(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** True for the first caller with this key; false for every later one while the claim is kept. */
    public boolean claim(String key, Duration keepFor) {
        Instant now = clock.instant();
        try {
            mongo.insert(new Claim(key, now, now.plus(keepFor)), COLLECTION);
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /**
     * As {@link #claim}, acknowledged before it reaches the disk ({@link Unjournaled}): only for a claim whose loss in
     * a crash is harmless, one that merely refuses a repeat that would do no harm either (a replayed request) or one
     * that a durable write of the same work follows.
     */
    public boolean claimUnjournaled(String key, Duration keepFor) {
        return Unjournaled.write(() -> claim(key, keepFor));
    }

    /**
     * Inserts documents whose ids are claims, in one database command; the ones whose id exists already are left as
     * they are. Returns the positions of those, so the caller acts only on what it inserted.
     */
    public static <T> Set<Integer> insertNew(MongoTemplate mongo, List<T> documents, Class<T> type) {
        Set<Integer> existing = new HashSet<>();
        if (documents.isEmpty()) {
            return existing;
        }
        try {
            mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, type).insert(documents).execute();
        } catch (BulkOperationException e) {
            for (BulkWriteError error : e.getErrors()) {
                if (error.getCode() != DUPLICATE_KEY) {
                    throw e;
                }
                existing.add(error.getIndex());
            }
        }
        return existing;
    }

    /** Gives a claim up, so the next attempt is first again: for work that failed before it took effect. */
    public void release(String key) {
        mongo.remove(Query.query(Criteria.where("_id").is(key)), COLLECTION);
    }

    public boolean isClaimed(String key) {
        return Lookups.existsById(mongo, key, COLLECTION);
    }

    /** MongoDB drops expired claims itself (the embedded server has no TTL index: housekeeping does it there). */
    @Document(COLLECTION)
    record Claim(String id, Instant claimedAt, @Indexed(name = "claims_ttl", expireAfter = "0s") Instant expireAt) {
    }
}
