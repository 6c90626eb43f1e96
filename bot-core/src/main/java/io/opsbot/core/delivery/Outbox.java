package io.opsbot.core.delivery;

import io.opsbot.core.config.CoreConfiguration;
import io.opsbot.core.gateway.DeliveryException;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.gateway.Messenger;
import io.opsbot.core.gateway.PostedMessage;
import io.opsbot.core.message.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;

/**
 * Every message the bot sends on its own (triage posts, notices, prompts, reminders, summaries) goes through here.
 * <ul>
 *   <li>Exactly once: {@link #enqueue} inserts under a unique key first; a second enqueue with the key does nothing.</li>
 *   <li>Nothing lost: the message is stored before it is sent; failures are retried with backoff (honouring the
 *       platform's Retry-After) by {@link #retryDue()}, which a Quartz job calls.</li>
 *   <li>No double send across instances: each attempt leases the delivery in MongoDB first.</li>
 * </ul>
 */
@Service
public class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    static final int MAX_ATTEMPTS = 8;
    static final Duration LEASE = Duration.ofMinutes(2);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(30);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(30);
    /** How long a reply waits between looks at whether its thread's first message has gone out. */
    static final Duration THREAD_WAIT = Duration.ofSeconds(15);

    private final MongoTemplate mongo;
    private final Messenger messenger;
    private final Executor executor;
    private final Clock clock;

    public Outbox(MongoTemplate mongo, Messenger messenger,
                  @Qualifier(CoreConfiguration.OUTBOUND_EXECUTOR) Executor executor, Clock clock) {
        this.mongo = mongo;
        this.messenger = messenger;
        this.executor = executor;
        this.clock = clock;
    }

    /**
     * Stores the message under {@code key} and sends it soon. Returns false, and sends nothing, when the key was
     * already used. {@code expiresAt} (nullable) is when sending it would no longer make sense.
     */
    public boolean enqueue(String key, Destination destination, Message message, Instant expiresAt) {
        return enqueue(key, destination, message, null, expiresAt, true);
    }

    /** Like {@link #enqueue}, but as a reply in the thread of the delivery {@code parentKey}, once that is sent. */
    public boolean enqueueReply(String key, String parentKey, Destination.Channel channel, Message message,
                                Instant expiresAt) {
        // Marks the parent, so only messages that have replies look for waiting ones after they are sent.
        mongo.updateFirst(Query.query(Criteria.where("_id").is(parentKey)), new Update().set("hasReplies", true),
                Delivery.class);
        return enqueue(key, channel, message, parentKey, expiresAt, true);
    }

    /** Stores and sends on the calling thread; returns the delivery as it ended up (sent, pending or failed). */
    public Optional<Delivery> sendNow(String key, Destination destination, Message message, Instant expiresAt) {
        enqueue(key, destination, message, null, expiresAt, false);
        deliver(key);
        return find(key);
    }

    public Optional<Delivery> find(String key) {
        return Optional.ofNullable(mongo.findById(key, Delivery.class));
    }

    /** Deliveries given up on whose key starts with {@code keyPrefix} (a feature's own kind of message). */
    public List<Delivery> failed(String keyPrefix) {
        return mongo.find(Query.query(Criteria.where("_id").regex("^" + Pattern.quote(keyPrefix)).and("state")
                .is(Delivery.State.FAILED)), Delivery.class);
    }

    /** Removes a delivery that was given up on, so its key can be enqueued again; one of any other state stays. */
    public void forgetFailed(String key) {
        mongo.remove(Query.query(Criteria.where("_id").is(key).and("state").is(Delivery.State.FAILED)),
                Delivery.class);
    }

    /**
     * The delivery, among those whose key starts with {@code keyPrefix}, that was posted as this message (its
     * conversation and platform message id): what a reaction or a reply to one of the bot's messages refers to.
     */
    public Optional<Delivery> findByPost(String keyPrefix, String conversationId, String messageId) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("posted.messageId").is(messageId)
                .and("posted.conversationId").is(conversationId)
                .and("_id").regex("^" + Pattern.quote(keyPrefix))), Delivery.class));
    }

    public Optional<PostedMessage> posted(String key) {
        return find(key).map(Delivery::getPosted);
    }

    /**
     * Replaces the message of a delivery: a pending one is sent with the new content, a sent one is edited in place
     * (chat.update, updateActivity), retried like sends. Unknown keys are ignored.
     */
    public void update(String key, Message message) {
        Delivery updated = mongo.findAndModify(Query.query(Criteria.where("_id").is(key)),
                new Update().set("message", message).inc("revision", 1).set("nextAttemptAt", clock.instant())
                        .set("updatePending", true),
                FindAndModifyOptions.options().returnNew(true), Delivery.class);
        if (updated != null) {
            executor.execute(() -> deliver(key));
        }
    }

    /** Tries every delivery that is due. Returns how many were looked at. */
    public int retryDue() {
        Instant now = clock.instant();
        Query due = Query.query(new Criteria().orOperator(
                        Criteria.where("state").is(Delivery.State.PENDING),
                        Criteria.where("state").is(Delivery.State.SENT).and("updatePending").is(true))
                        .and("nextAttemptAt").lte(now))
                .with(Sort.by("nextAttemptAt")).limit(500);
        due.fields().include("_id");
        List<Delivery> deliveries = mongo.find(due, Delivery.class);
        deliveries.forEach(d -> deliver(d.getKey()));
        return deliveries.size();
    }

    /** One attempt: send if pending, edit if an edit is pending. Does nothing if not due or leased elsewhere. */
    public void deliver(String key) {
        Instant now = clock.instant();
        Delivery delivery = lease(key, now);
        if (delivery == null) {
            return;
        }
        if (delivery.getState() == Delivery.State.SENT) {
            edit(delivery, now);
            return;
        }
        if (delivery.getExpiresAt() != null && !now.isBefore(delivery.getExpiresAt())) {
            release(key, new Update().set("state", Delivery.State.EXPIRED));
            return;
        }
        Destination destination = delivery.getDestination();
        if (delivery.getThreadOf() != null) {
            Delivery parent = mongo.findById(delivery.getThreadOf(), Delivery.class);
            if (parent != null && parent.getState() == Delivery.State.PENDING) {
                release(key, new Update().set("nextAttemptAt", now.plus(THREAD_WAIT)).inc("attempts", -1));
                return;
            }
            if (parent != null && parent.getPosted() != null) {
                destination = parent.getPosted().thread();
            }
        }
        try {
            PostedMessage posted = messenger.send(destination, delivery.getMessage());
            Update sent = new Update().set("state", Delivery.State.SENT).set("posted", posted).set("sentAt", now)
                    .set("attempts", 0).unset("lastError");
            Delivery after = releaseAndGet(key, sent);
            if (after != null && after.getRevision() == delivery.getRevision()) {
                mongo.updateFirst(Query.query(Criteria.where("_id").is(key).and("revision").is(delivery.getRevision())),
                        new Update().set("updatePending", false), Delivery.class);
            } else if (after != null) {
                // Edited while it was being sent: apply the edit now rather than at the next retry sweep.
                executor.execute(() -> deliver(key));
            }
            if (after != null && after.isHasReplies()) {
                sendWaitingReplies(key);
            }
        } catch (DeliveryException e) {
            failed(delivery, e.retryable(), e.retryAfter(), e.getMessage(), now, false);
        } catch (RuntimeException e) {
            log.error("Unexpected failure sending {}", key, e);
            failed(delivery, true, null, e.getClass().getSimpleName(), now, false);
        }
    }

    /** Replies held back until this message existed go out now, in its thread. */
    private void sendWaitingReplies(String parentKey) {
        Query waiting = Query.query(Criteria.where("threadOf").is(parentKey).and("state").is(Delivery.State.PENDING));
        waiting.fields().include("_id");
        for (Delivery reply : mongo.find(waiting, Delivery.class)) {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(reply.getKey())),
                    new Update().set("nextAttemptAt", clock.instant()), Delivery.class);
            executor.execute(() -> deliver(reply.getKey()));
        }
    }

    private void edit(Delivery delivery, Instant now) {
        try {
            messenger.update(delivery.getPosted(), delivery.getMessage());
            // Done only if nobody edited again meanwhile; otherwise the newer edit goes out right after this one.
            boolean current = mongo.updateFirst(Query.query(Criteria.where("_id").is(delivery.getKey())
                            .and("revision").is(delivery.getRevision())),
                    new Update().set("updatePending", false), Delivery.class).getModifiedCount() > 0;
            release(delivery.getKey(), new Update().set("attempts", 0).unset("lastError"));
            if (!current) {
                executor.execute(() -> deliver(delivery.getKey()));
            }
        } catch (DeliveryException e) {
            failed(delivery, e.retryable(), e.retryAfter(), e.getMessage(), now, true);
        } catch (RuntimeException e) {
            log.error("Unexpected failure editing {}", delivery.getKey(), e);
            failed(delivery, true, null, e.getClass().getSimpleName(), now, true);
        }
    }

    private boolean enqueue(String key, Destination destination, Message message, String threadOf, Instant expiresAt,
                            boolean sendSoon) {
        try {
            mongo.insert(new Delivery(key, destination, message, threadOf, clock.instant(), expiresAt));
        } catch (DuplicateKeyException e) {
            return false;
        }
        if (sendSoon) {
            executor.execute(() -> deliver(key));
        }
        return true;
    }

    private Delivery lease(String key, Instant now) {
        Criteria free = new Criteria().orOperator(Criteria.where("leaseUntil").is(null),
                Criteria.where("leaseUntil").lt(now));
        Criteria work = new Criteria().orOperator(Criteria.where("state").is(Delivery.State.PENDING),
                Criteria.where("state").is(Delivery.State.SENT).and("updatePending").is(true));
        Query query = Query.query(Criteria.where("_id").is(key).and("nextAttemptAt").lte(now))
                .addCriteria(new Criteria().andOperator(free, work));
        return mongo.findAndModify(query, new Update().set("leaseUntil", now.plus(LEASE)).inc("attempts", 1),
                FindAndModifyOptions.options().returnNew(true), Delivery.class);
    }

    private void failed(Delivery delivery, boolean retryable, Duration retryAfter, String error, Instant now,
                        boolean editing) {
        int attempts = delivery.getAttempts();
        if (retryable && attempts < MAX_ATTEMPTS) {
            Duration wait = retryAfter != null ? retryAfter : backoff(attempts);
            log.warn("{} of {} failed (attempt {}): {}; next try in {}", editing ? "Edit" : "Send",
                    delivery.getKey(), attempts, error, wait);
            release(delivery.getKey(), new Update().set("nextAttemptAt", now.plus(wait)).set("lastError", error));
        } else if (editing) {
            log.error("Giving up editing {} after {} attempt(s): {}", delivery.getKey(), attempts, error);
            release(delivery.getKey(), new Update().set("updatePending", false).set("lastError", error));
        } else {
            log.error("Giving up sending {} after {} attempt(s): {}", delivery.getKey(), attempts, error);
            release(delivery.getKey(), new Update().set("state", Delivery.State.FAILED).set("lastError", error));
        }
    }

    static Duration backoff(int attempts) {
        Duration wait = FIRST_BACKOFF.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 10));
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    private void release(String key, Update update) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(key)), update.unset("leaseUntil"), Delivery.class);
    }

    private Delivery releaseAndGet(String key, Update update) {
        return mongo.findAndModify(Query.query(Criteria.where("_id").is(key)), update.unset("leaseUntil"),
                FindAndModifyOptions.options().returnNew(true), Delivery.class);
    }
}
