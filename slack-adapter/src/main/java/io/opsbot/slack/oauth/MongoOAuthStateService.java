package io.opsbot.slack.oauth;

import com.slack.api.bolt.service.OAuthStateService;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Bolt's {@link OAuthStateService} on MongoDB, shared by every instance. Bolt issues a random state per visit to the
 * install page, puts it in the browser's cookie and here; the redirect must bring the same state in its query and in
 * the cookie. Here a state is good until it expires and for one redirect only: the check itself uses it up (an atomic
 * update), so of two redirects with one state at most one gets through. Stored as its SHA-256, so the collection holds
 * nothing a visitor could replay.
 */
public class MongoOAuthStateService implements OAuthStateService {

    static final String COLLECTION = "slack_oauth_states";

    @Document(COLLECTION)
    static class State {
        @Id
        String id;
        @Indexed(name = "slack_oauth_states_ttl", expireAfter = "0s")
        Instant expiresAt;
        Instant usedAt;

        State() {
        }

        State(String id, Instant expiresAt) {
            this.id = id;
            this.expiresAt = expiresAt;
        }
    }

    private final MongoTemplate mongo;
    private final Duration expiry;
    private final Clock clock;

    public MongoOAuthStateService(MongoTemplate mongo, Duration expiry, Clock clock) {
        this.mongo = mongo;
        this.expiry = expiry;
        this.clock = clock;
    }

    @Override
    public long getExpirationInSeconds() {
        return expiry.toSeconds();
    }

    @Override
    public void addNewStateToDatastore(String state) {
        Instant now = clock.instant();
        // The embedded server has no TTL index: expired states go whenever a new one comes.
        mongo.remove(Query.query(Criteria.where("expiresAt").lt(now)), State.class);
        mongo.insert(new State(hash(state), now.plus(expiry)));
    }

    /** Uses the state up: true for the first redirect bringing it before it expires, false for any other. */
    @Override
    public boolean isAvailableInDatabase(String state) {
        if (state == null || state.isBlank()) {
            return false;
        }
        Instant now = clock.instant();
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(hash(state)).and("usedAt").is(null)
                        .and("expiresAt").gt(now)), new Update().set("usedAt", now), State.class)
                .getModifiedCount() > 0;
    }

    @Override
    public void deleteStateFromDatastore(String state) {
        if (state != null) {
            mongo.remove(Query.query(Criteria.where("_id").is(hash(state))), State.class);
        }
    }

    private static String hash(String state) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(state.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
