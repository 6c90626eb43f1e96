package io.opsbot.core.delivery;

import io.opsbot.core.metrics.BotMetrics;
import io.opsbot.core.claim.Claims;
import io.opsbot.core.cluster.Instances;
import io.opsbot.core.cluster.LeaseHolder;
import io.opsbot.core.config.CoreConfiguration;
import io.opsbot.core.gateway.ChatFile;
import io.opsbot.core.gateway.DeliveryException;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.gateway.FileSender;
import io.opsbot.core.gateway.Messenger;
import io.opsbot.core.gateway.PostedMessage;
import io.opsbot.core.message.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Every message the bot sends on its own (triage posts, notices, prompts, reminders, summaries) goes through here.
 * <ul>
 *   <li>Exactly once: {@link #enqueue} inserts under a unique key first; a second enqueue with the key does nothing.</li>
 *   <li>Nothing lost: the message is stored before it is sent; failures are retried with backoff (honouring the
 *       platform's Retry-After) by {@link #retryDue()}, which a Quartz job calls.</li>
 *   <li>No double send across instances: each attempt holds a lease on the delivery in MongoDB, for this instance
 *       (a message for the interactive lane is stored leased; others are leased as their attempt begins).</li>
 *   <li>No double send after a crash: a delivery whose attempt never finished (its instance died, or its lease ran
 *       out) is "in doubt"; before sending it again the platform is asked whether it arrived
 *       ({@link Messenger#findSent}), and if it did it is recorded as sent.</li>
 *   <li>Graceful shutdown: sends in flight finish; the rest stay stored for the next instance.</li>
 *   <li>Two lanes: what a person is waiting to see now (their Home tab, the parts of an answer to them) is sent on the
 *       interactive pool, never behind a fan-out's paced sends on the outbound pool.</li>
 * </ul>
 */
@Service
public class Outbox implements LeaseHolder, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    /** How long a reply waits between looks at whether its thread's first message has gone out. */
    static final Duration THREAD_WAIT = Duration.ofSeconds(15);
    /** A message found on the platform this long before its delivery was created is not it. */
    private static final Duration FIND_SLACK = Duration.ofMinutes(1);
    /** Stops after the web server (no new commands) and before this instance hands back its leases. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private final MongoTemplate mongo;
    private final Messenger messenger;
    private final ObjectProvider<FileSender> files;
    private final Executor executor;
    private final Executor interactive;
    private final ObjectProvider<Instances> instances;
    private final OutboxProperties properties;
    private final Clock clock;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean running;
    private volatile boolean stopping;

    public Outbox(MongoTemplate mongo, Messenger messenger, ObjectProvider<FileSender> files,
                  @Qualifier(CoreConfiguration.OUTBOUND_EXECUTOR) Executor executor,
                  @Qualifier(CoreConfiguration.INTERACTIVE_EXECUTOR) Executor interactive,
                  ObjectProvider<Instances> instances,
                  OutboxProperties properties, Clock clock) {
        this.files = files;
        this.mongo = mongo;
        this.messenger = messenger;
        this.executor = executor;
        this.interactive = interactive;
        this.instances = instances;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Stores the message under {@code key} and sends it soon. Returns false, and sends nothing, when the key was
     * already used. {@code expiresAt} (nullable) is when sending it would no longer make sense.
     */
    public boolean enqueue(String key, Destination destination, Message message, Instant expiresAt) {
        return enqueue(key, destination, message, null, expiresAt);
    }

    /** One message of a fan-out: {@link #enqueueAll}. */
    public record Outgoing(String key, Destination destination, Message message, Instant expiresAt) {
    }

    /**
     * Stores a whole fan-out in one database command and sends what was new. Keys already used are skipped, so a
     * fan-out repeated after a crash stores and sends only what the first attempt had not. Returns how many were new.
     */
    public int enqueueAll(List<Outgoing> messages) {
        // Not leased as they are stored: a fan-out's sends are paced, and most of them would wait longer than a lease.
        List<Delivery> added = store(messages, clock.instant(), null, false);
        added.forEach(delivery -> sendStored(List.of(delivery), executor));
        return added.size();
    }

    /**
     * Like {@link #enqueueAll}, but the new messages are sent one after another in the order given, by one task: the
     * parts of one answer. Stored (and on disk) when this returns, so an answer promised before it is sent survives a
     * crash; a part whose attempt fails is retried like any delivery. Once finished they are kept only until
     * {@code keepUntil} (an answer is not looked up later; the usual 90 days would pile up one per message).
     */
    public int enqueueInOrder(List<Outgoing> messages, Instant keepUntil) {
        List<Delivery> added = store(messages, clock.instant(), keepUntil, true);
        sendStored(added, interactive);
        return added.size();
    }

    /**
     * Stores the deliveries in one database command, leased to this instance if {@code leased}; returns the ones that
     * were new, in order.
     */
    private List<Delivery> store(List<Outgoing> messages, Instant now, Instant keepUntil, boolean leased) {
        if (messages.isEmpty()) {
            return List.of();
        }
        List<Delivery> deliveries = messages.stream()
                .map(m -> new Delivery(m.key(), m.destination(), m.message(), null, now, m.expiresAt())
                        .keptUntil(keepUntil))
                .map(delivery -> leased ? leasedHere(delivery, now) : delivery).toList();
        Set<Integer> existing = Claims.insertNew(mongo, deliveries, Delivery.class);
        List<Delivery> added = new ArrayList<>();
        for (int i = 0; i < deliveries.size(); i++) {
            if (!existing.contains(i)) {
                added.add(deliveries.get(i));
            }
        }
        return added;
    }

    /**
     * The delivery with this instance's lease for its first attempt, taken by the insert that stores it: the attempt
     * then sends without a write of its own first (on the embedded database each write waited on is a commit). Should
     * the instance die before the attempt ends, the delivery is in doubt, as one whose lease was taken apart would be.
     * Only for what is sent on the calling thread or the interactive pool: the outbound pool may hold a message behind
     * a fan-out for longer than a lease, and a leased message cannot be taken by a sweep meanwhile.
     */
    private Delivery leasedHere(Delivery delivery, Instant now) {
        return delivery.leasedTo(instances.getObject().id(), UUID.randomUUID().toString(),
                now.plus(properties.lease()));
    }

    /** Sends deliveries just stored, one after another on the pool; gives their leases back if it cannot now. */
    private void sendStored(List<Delivery> stored, Executor pool) {
        if (stored.isEmpty()) {
            return;
        }
        if (!later(() -> stored.forEach(delivery -> deliver(delivery.getKey(), delivery)), stored.get(0).getKey(),
                pool)) {
            stored.forEach(this::giveBack);
        }
    }

    /**
     * Gives back the lease a delivery was stored with, its attempt not begun (shutting down): due for the next sweep
     * of any instance, as if never leased, rather than held until the lease runs out and then in doubt.
     */
    private void giveBack(Delivery stored) {
        if (stored != null && stored.getLeaseToken() != null) {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(stored.getKey()).and("leaseVersion")
                    .is(stored.getLeaseVersion())), released(new Update().inc("attempts", -1)), Delivery.class);
        }
    }

    /**
     * Stores a file for a person under {@code key} and hands it over soon, with {@code comment} introducing it (on
     * Slack an upload into their DM, on Teams a signed download link). Returns false when the key was already used.
     * A file is not looked for on the platform after an attempt cut short, so such an attempt may hand it over twice.
     */
    public boolean enqueueFile(String key, Destination.Direct to, ChatFile file, Message comment, Instant expiresAt) {
        Delivery stored = insert(new Delivery(key, to, comment, null, clock.instant(), expiresAt).withFile(file));
        if (stored == null) {
            return false;
        }
        sendStored(List.of(stored), executor);
        return true;
    }

    /** Like {@link #enqueue}, but as a reply in the thread of the delivery {@code parentKey}, once that is sent. */
    public boolean enqueueReply(String key, String parentKey, Destination.Channel channel, Message message,
                                Instant expiresAt) {
        // Marks the parent, so only messages that have replies look for waiting ones after they are sent.
        mongo.updateFirst(Query.query(Criteria.where("_id").is(parentKey)), new Update().set("hasReplies", true),
                Delivery.class);
        return enqueue(key, channel, message, parentKey, expiresAt);
    }

    /** Stores and sends on the calling thread; returns the delivery as it ended up (sent, pending or failed). */
    public Optional<Delivery> sendNow(String key, Destination destination, Message message, Instant expiresAt) {
        deliver(key, store(key, destination, message, null, expiresAt, true));
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
            soon(key, updated.getDestination());
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
        deliver(key, null);
    }

    /**
     * One attempt; {@code stored} is the delivery as this instance stored it, for its first attempt right after (null
     * otherwise).
     */
    private void deliver(String key, Delivery stored) {
        if (stopping) {
            giveBack(stored);
            return;
        }
        inFlight.incrementAndGet();
        try {
            attempt(key, stored);
        } catch (DataAccessException e) {
            // The database went away mid-attempt: the delivery stays leased until its lease runs out, then it is
            // tried again (and looked for first, as the attempt may have reached the platform).
            log.warn("Attempt at {} cut short by the database: {}; it is tried again after its lease", key,
                    e.getMessage());
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void attempt(String key, Delivery stored) {
        Instant now = clock.instant();
        Leased leased = lease(key, now, stored);
        if (leased == null) {
            return;
        }
        Delivery delivery = leased.delivery();
        if (delivery.getState() == Delivery.State.SENT) {
            edit(delivery, now);
            return;
        }
        if (leased.inDoubt() && delivery.getFile() == null && alreadyArrived(delivery, now)) {
            return;
        }
        if (delivery.getExpiresAt() != null && !now.isBefore(delivery.getExpiresAt())) {
            release(key, new Update().set("state", Delivery.State.EXPIRED));
            BotMetrics.delivery(BotMetrics.DeliveryOutcome.EXPIRED);
            return;
        }
        Destination destination = delivery.getDestination();
        if (delivery.getThreadOf() != null) {
            Delivery parent = mongo.findById(delivery.getThreadOf(), Delivery.class);
            if (parent != null && parent.getState() == Delivery.State.PENDING) {
                waitForThread(key, delivery.getThreadOf(), now);
                return;
            }
            if (parent != null && parent.getPosted() != null) {
                destination = parent.getPosted().thread();
            }
        }
        try {
            if (delivery.getFile() != null && destination instanceof Destination.Direct person) {
                files.getObject().send(person, delivery.getFile(), delivery.getMessage());
                recordSent(delivery, null, now);
                return;
            }
            PostedMessage posted = messenger.send(destination, delivery.getMessage(), key);
            recordSent(delivery, posted, now);
        } catch (DeliveryException e) {
            failed(delivery, e.retryable(), e.mayHaveArrived(), e.retryAfter(), e.getMessage(), now, false);
        } catch (RuntimeException e) {
            log.error("Unexpected failure sending {}", key, e);
            failed(delivery, true, true, null, e.getClass().getSimpleName(), now, false);
        }
    }

    /**
     * A delivery whose last attempt never finished may have reached the platform before its instance died. If the
     * platform can tell, and it did arrive, it is recorded as sent instead of being sent again.
     */
    private boolean alreadyArrived(Delivery delivery, Instant now) {
        Optional<PostedMessage> found;
        try {
            found = messenger.findSent(delivery.getDestination(), delivery.getKey(),
                    delivery.getCreatedAt().minus(FIND_SLACK));
        } catch (DeliveryException e) {
            // Cannot tell now: try again later rather than risk a duplicate.
            failed(delivery, true, true, e.retryAfter(), "checking an unfinished attempt: " + e.getMessage(), now,
                    false);
            return true;
        }
        if (found.isEmpty()) {
            return false;
        }
        log.info("{} had reached the platform before its attempt was cut short; not sending it again",
                delivery.getKey());
        recordSent(delivery, found.get(), now);
        return true;
    }

    private void recordSent(Delivery delivery, PostedMessage posted, Instant now) {
        String key = delivery.getKey();
        Update sent = new Update().set("state", Delivery.State.SENT).set("posted", posted).set("sentAt", now)
                .set("attempts", 0).unset("lastError").unset("inDoubt");
        Delivery after = releaseAndGet(key, sent);
        BotMetrics.delivery(BotMetrics.DeliveryOutcome.SENT);
        if (after == null) {
            return;
        }
        if (after.getRevision() != delivery.getRevision()) {
            // Edited while it was being sent: apply the edit now rather than at the next retry sweep.
            soon(key, delivery.getDestination());
        } else if (after.isUpdatePending()) {
            // An edit made before this send went out with it.
            mongo.updateFirst(Query.query(Criteria.where("_id").is(key).and("revision").is(delivery.getRevision())),
                    new Update().set("updatePending", false), Delivery.class);
        }
        if (after.isHasReplies()) {
            sendWaitingReplies(key);
        }
    }

    /**
     * Holds a reply back until its thread's first message is sent. That message may be sent while this attempt
     * still holds the reply's lease; its call for waiting replies then finds the reply leased and cannot send it. So
     * the parent is looked at again once the lease is released, and a sent parent sends the reply now rather than
     * after {@link #THREAD_WAIT}.
     */
    private void waitForThread(String key, String parentKey, Instant now) {
        release(key, new Update().set("nextAttemptAt", now.plus(THREAD_WAIT)).inc("attempts", -1));
        Delivery parent = mongo.findById(parentKey, Delivery.class);
        if (parent == null || parent.getState() != Delivery.State.PENDING) {
            sendReplyNow(key);
        }
    }

    /** A reply whose thread now exists: due now, and tried at once (a channel post: the outbound lane). */
    private void sendReplyNow(String key) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(key).and("state").is(Delivery.State.PENDING)),
                new Update().set("nextAttemptAt", clock.instant()), Delivery.class);
        later(() -> deliver(key), key, executor);
    }

    /** Replies held back until this message existed go out now, in its thread. */
    private void sendWaitingReplies(String parentKey) {
        Query waiting = Query.query(Criteria.where("threadOf").is(parentKey).and("state").is(Delivery.State.PENDING));
        waiting.fields().include("_id");
        for (Delivery reply : mongo.find(waiting, Delivery.class)) {
            sendReplyNow(reply.getKey());
        }
    }

    private void edit(Delivery delivery, Instant now) {
        try {
            messenger.update(delivery.getPosted(), delivery.getMessage());
            BotMetrics.delivery(BotMetrics.DeliveryOutcome.EDITED);
            // Done only if nobody edited again meanwhile; otherwise the newer edit goes out right after this one.
            boolean current = mongo.updateFirst(Query.query(Criteria.where("_id").is(delivery.getKey())
                            .and("revision").is(delivery.getRevision())),
                    new Update().set("updatePending", false), Delivery.class).getModifiedCount() > 0;
            release(delivery.getKey(), new Update().set("attempts", 0).unset("lastError"));
            if (!current) {
                soon(delivery.getKey(), delivery.getDestination());
            }
        } catch (DeliveryException e) {
            failed(delivery, e.retryable(), false, e.retryAfter(), e.getMessage(), now, true);
        } catch (RuntimeException e) {
            log.error("Unexpected failure editing {}", delivery.getKey(), e);
            failed(delivery, true, false, null, e.getClass().getSimpleName(), now, true);
        }
    }

    private boolean enqueue(String key, Destination destination, Message message, String threadOf,
                            Instant expiresAt) {
        Executor lane = lane(destination);
        Delivery stored = store(key, destination, message, threadOf, expiresAt, lane == interactive);
        if (stored == null) {
            return false;
        }
        sendStored(List.of(stored), lane);
        return true;
    }

    /** Stores one delivery, leased to this instance if {@code leased}; null when the key was already used. */
    private Delivery store(String key, Destination destination, Message message, String threadOf,
                           Instant expiresAt, boolean leased) {
        Instant now = clock.instant();
        Delivery delivery = new Delivery(key, destination, message, threadOf, now, expiresAt);
        return insert(leased ? leasedHere(delivery, now) : delivery);
    }

    /** Inserts the delivery; null when its key was already used. */
    private Delivery insert(Delivery delivery) {
        try {
            mongo.insert(delivery);
            return delivery;
        } catch (DuplicateKeyException e) {
            return null;
        }
    }

    /** Sends on its lane's pool; when it is shutting down the delivery stays stored for the next sweep. */
    private void soon(String key, Destination destination) {
        later(() -> deliver(key), key, lane(destination));
    }

    /** A Home tab is looked at by its person as it is published; everything else may wait its turn. */
    private Executor lane(Destination destination) {
        return destination instanceof Destination.Home ? interactive : executor;
    }

    /** Runs the sends on the pool; false when they were not taken (shutting down). */
    private boolean later(Runnable sends, String key, Executor pool) {
        if (stopping) {
            return false;
        }
        try {
            pool.execute(sends);
            return true;
        } catch (RejectedExecutionException shuttingDown) {
            log.debug("Not sending {} now: shutting down; it stays queued", key);
            return false;
        }
    }

    /** The delivery, leased to this instance for one attempt; in doubt if an earlier attempt never finished. */
    private record Leased(Delivery delivery, boolean inDoubt) {
    }

    /**
     * Takes the lease for one attempt, or returns null when the delivery is not due, has nothing to do, or is leased.
     * Read by id and judged here, then taken only if nobody leased or released it since: a compare-and-set on
     * {@code (_id, leaseVersion)}, which any database answers from the {@code _id} index.
     */
    private Leased lease(String key, Instant now, Delivery stored) {
        if (stored != null && stored.getLeaseToken() != null) {
            Leased mine = storedLease(stored, now);
            if (mine != null) {
                return mine;
            }
        }
        String token = UUID.randomUUID().toString();
        Update take = new Update().set("leaseUntil", now.plus(properties.lease()))
                .set("leasedBy", instances.getObject().id()).set("leaseToken", token).inc("attempts", 1)
                .inc("leaseVersion", 1);
        if (stored != null && stored.getLeaseToken() == null && !now.isBefore(stored.getCreatedAt())) {
            // Stored by this instance a moment ago, due, free and pending: taken on the version it was stored with,
            // without reading it first. Anything that leased or released it since moved the version.
            Delivery leased = mongo.findAndModify(Query.query(Criteria.where("_id").is(key).and("leaseVersion")
                    .is(0L)), take, FindAndModifyOptions.options().returnNew(true), Delivery.class);
            if (leased != null) {
                return new Leased(leased, false);
            }
        }
        Delivery current = mongo.findById(key, Delivery.class);
        if (current != null && token.equals(current.getLeaseToken())) {
            // The driver retried the take above after a network error, and its first try had taken the lease.
            return new Leased(current, false);
        }
        if (current == null || !leasable(current, now)) {
            return null;
        }
        Delivery leased = mongo.findAndModify(Query.query(Criteria.where("_id").is(key).and("leaseVersion")
                .is(current.getLeaseVersion())), take, FindAndModifyOptions.options().returnNew(true), Delivery.class);
        if (leased == null) {
            Delivery after = mongo.findById(key, Delivery.class);
            if (after != null && token.equals(after.getLeaseToken())) {
                // The driver retried the write after a network error, and its first try had taken the lease.
                leased = after;
            } else if (after != null && after.getLeaseVersion() == 0) {
                // Stored before deliveries had a version (no field to compare with): taken by its conditions.
                return leaseByConditions(key, now, token, take);
            } else {
                return null;
            }
        }
        // An attempt that ended released its lease; one still recorded here was cut short (its lease ran out).
        return new Leased(leased, current.isInDoubt() || current.getLeaseUntil() != null);
    }

    /**
     * The lease a delivery was stored with: used as it is while most of it is left; after a long wait for the pool
     * renewed on the version it was stored with (anything that took or gave it back since moved that version). Null
     * when it is no longer this instance's.
     */
    private Leased storedLease(Delivery stored, Instant now) {
        if (now.isBefore(stored.getLeaseUntil().minus(properties.lease().dividedBy(2)))) {
            return new Leased(stored, false);
        }
        Delivery renewed = mongo.findAndModify(Query.query(Criteria.where("_id").is(stored.getKey())
                        .and("leaseVersion").is(stored.getLeaseVersion())),
                new Update().set("leaseUntil", now.plus(properties.lease())).inc("leaseVersion", 1),
                FindAndModifyOptions.options().returnNew(true), Delivery.class);
        return renewed == null ? null : new Leased(renewed, false);
    }

    /** Due, not leased (or its lease ran out), and with something to do: a send or an edit. */
    private static boolean leasable(Delivery delivery, Instant now) {
        boolean due = delivery.getNextAttemptAt() != null && !delivery.getNextAttemptAt().isAfter(now);
        boolean free = delivery.getLeaseUntil() == null || delivery.getLeaseUntil().isBefore(now);
        boolean work = delivery.getState() == Delivery.State.PENDING
                || delivery.getState() == Delivery.State.SENT && delivery.isUpdatePending();
        return due && free && work;
    }

    /** The lease taken by a query that states every condition (a scan in the embedded server). */
    private Leased leaseByConditions(String key, Instant now, String token, Update take) {
        // The driver retries a write once after a network error; if the first try took the lease, the retry must
        // find its own lease rather than the delivery taken, or the delivery would wait for the lease to run out.
        Criteria free = new Criteria().orOperator(Criteria.where("leaseUntil").is(null),
                Criteria.where("leaseUntil").lt(now), Criteria.where("leaseToken").is(token));
        Criteria work = new Criteria().orOperator(Criteria.where("state").is(Delivery.State.PENDING),
                Criteria.where("state").is(Delivery.State.SENT).and("updatePending").is(true));
        Query query = Query.query(Criteria.where("_id").is(key).and("nextAttemptAt").lte(now))
                .addCriteria(new Criteria().andOperator(free, work));
        Delivery before = mongo.findAndModify(query, take, FindAndModifyOptions.options().returnNew(false),
                Delivery.class);
        if (before == null) {
            return null;
        }
        boolean inDoubt = before.isInDoubt() || before.getLeaseUntil() != null && !token.equals(before.getLeaseToken());
        Delivery leased = mongo.findById(key, Delivery.class);
        return leased == null ? null : new Leased(leased, inDoubt);
    }

    /** Frees what a gone instance was sending; those sends may have arrived, so they are in doubt. */
    @Override
    public long releaseLeasesOf(String instanceId) {
        Update free = new Update().unset("leaseUntil").unset("leasedBy").unset("leaseToken").inc("leaseVersion", 1);
        long sends = mongo.updateMulti(Query.query(Criteria.where("leasedBy").is(instanceId)
                .and("state").is(Delivery.State.PENDING)), free.set("inDoubt", true), Delivery.class)
                .getModifiedCount();
        long edits = mongo.updateMulti(Query.query(Criteria.where("leasedBy").is(instanceId)),
                new Update().unset("leaseUntil").unset("leasedBy").unset("leaseToken").inc("leaseVersion", 1),
                Delivery.class).getModifiedCount();
        return sends + edits;
    }

    private void failed(Delivery delivery, boolean retryable, boolean mayHaveArrived, Duration retryAfter,
                        String error, Instant now, boolean editing) {
        int attempts = delivery.getAttempts();
        if (retryable && attempts < properties.maxAttempts()) {
            Duration wait = retryAfter != null ? retryAfter : backoff(attempts, properties);
            log.warn("{} of {} failed (attempt {}): {}; next try in {}", editing ? "Edit" : "Send",
                    delivery.getKey(), attempts, error, wait);
            Update retry = new Update().set("nextAttemptAt", now.plus(wait)).set("lastError", error);
            if (!editing) {
                retry.set("inDoubt", mayHaveArrived);
            }
            release(delivery.getKey(), retry);
            BotMetrics.delivery(retryAfter != null ? BotMetrics.DeliveryOutcome.RATE_LIMITED
                    : BotMetrics.DeliveryOutcome.RETRIED);
        } else if (editing) {
            log.error("Giving up editing {} after {} attempt(s): {}", delivery.getKey(), attempts, error);
            release(delivery.getKey(), new Update().set("updatePending", false).set("lastError", error));
        } else {
            log.error("Giving up sending {} after {} attempt(s): {}", delivery.getKey(), attempts, error);
            release(delivery.getKey(), new Update().set("state", Delivery.State.FAILED).set("lastError", error));
        }
        if (!(retryable && attempts < properties.maxAttempts())) {
            BotMetrics.delivery(BotMetrics.DeliveryOutcome.FAILED);
        }
    }

    static Duration backoff(int attempts, OutboxProperties properties) {
        Duration wait = properties.firstBackoff().multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 10));
        return wait.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : wait;
    }

    private void release(String key, Update update) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(key)), released(update), Delivery.class);
    }

    /** Releases and reads back what decides the next step (an edit or replies waiting), not the message itself. */
    private Delivery releaseAndGet(String key, Update update) {
        Query query = Query.query(Criteria.where("_id").is(key));
        query.fields().include("revision", "updatePending", "hasReplies");
        return mongo.findAndModify(query, released(update), FindAndModifyOptions.options().returnNew(true),
                Delivery.class);
    }

    /** Gives the lease back; the version moves, so an attempt that judged the delivery before cannot take it. */
    private static Update released(Update update) {
        return update.unset("leaseUntil").unset("leasedBy").unset("leaseToken").inc("leaseVersion", 1);
    }

    @Override
    public void start() {
        stopping = false;
        running = true;
    }

    /** Lets the sends in flight finish (up to 15 s); what has not started stays stored for the next instance. */
    @Override
    public void stop() {
        stopping = true;
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
