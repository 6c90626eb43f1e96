package io.opsbot.core.schedule;

import io.opsbot.core.metrics.BotMetrics;
import io.opsbot.core.cluster.Instances;
import io.opsbot.core.cluster.LeaseHolder;
import io.opsbot.core.storage.Lookups;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every scheduled {@link Nudge} lives in MongoDB, so every instance knows every schedule, whichever instance made it,
 * and a nudge fires while the instance that scheduled it is down. Each instance polls a change marker (or watches it
 * with a change stream, {@link ScheduleChangeStream}) and fires what is due; a due nudge is leased by one instance
 * before it fires, so it fires once however many instances run, and is deleted once fired. An instance that dies
 * while firing hands the nudge on when the others notice ({@link Instances}); handlers are safe to fire again, as
 * every message they send is claimed by its key.
 */
@Component
public class NudgeScheduler implements LeaseHolder, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(NudgeScheduler.class);

    static final String MARKER_COLLECTION = "nudge_marker";
    static final String MARKER_ID = "nudges";
    static final String COLLECTION = "nudges";
    /** Up to this many subjects, {@link #replace} asks for their nudges by name (an index look-up on MongoDB). */
    static final int SUBJECTS_ASKED_BY_NAME = 50;

    private final MongoTemplate mongo;
    private final ObjectProvider<NudgeDispatcher> dispatcher;
    private final ObjectProvider<Instances> instances;
    private final ScheduleProperties properties;
    private final Clock clock;
    /** The marker version this instance last acted on, and the earliest nudge it then knew of. */
    private volatile long seenVersion = -1;
    private volatile Instant nextDue = Instant.MIN;
    /** Off once the application is closing: the nudge being fired finishes, no new one is taken. */
    private volatile boolean accepting = true;
    private ExecutorService firing;

    public NudgeScheduler(MongoTemplate mongo, ObjectProvider<NudgeDispatcher> dispatcher,
                          ObjectProvider<Instances> instances,
                  ScheduleProperties properties, Clock clock) {
        this.mongo = mongo;
        this.dispatcher = dispatcher;
        this.instances = instances;
        this.properties = properties;
        this.clock = clock;
    }

    /** Schedules the nudge (once: the same nudge scheduled again is one). A time in the past fires at the next poll. */
    public void schedule(Nudge nudge) {
        mongo.upsert(Query.query(Criteria.where("_id").is(id(nudge))), storedOnce(nudge), Stored.class);
        changed();
    }

    /** Removes every pending nudge of this kind about this subject. */
    public void cancel(String kind, String subject) {
        long removed = mongo.remove(Query.query(Criteria.where("kind").is(kind).and("subject").is(subject)
                .and("leaseUntil").is(null)), Stored.class).getDeletedCount();
        if (removed > 0) {
            changed();
        }
    }

    /**
     * Makes the pending nudges of these kinds about these subjects exactly {@code wanted}: the others are cancelled,
     * the missing ones scheduled, the ones already there left alone, and the change marker moved once, only if
     * something changed. The start-up rebuild cancelled and scheduled each standup on its own: a search of the nudges
     * and four writes or more per standup, each committed to disk before the next, about 16 of the 33 s a bot with
     * 2,000 standups took to be ready. Here it is one read of the pending nudges, one removal, one batch of upserts.
     */
    public void replace(Set<String> kinds, Set<String> subjects, Collection<Nudge> wanted) {
        if (subjects.isEmpty()) {
            return;
        }
        // Many subjects (a rebuild): read the kinds' nudges and pick them here, as the embedded server tests a long
        // $in list value by value on every nudge.
        Criteria pending = Criteria.where("kind").in(kinds).and("leaseUntil").is(null);
        if (subjects.size() <= SUBJECTS_ASKED_BY_NAME) {
            pending = pending.and("subject").in(subjects);
        }
        Query stored = Query.query(pending);
        stored.fields().include("_id").include("subject");
        Set<String> wantedIds = new HashSet<>();
        wanted.forEach(nudge -> wantedIds.add(id(nudge)));
        List<String> stale = new ArrayList<>();
        Set<String> kept = new HashSet<>();
        for (org.bson.Document nudge : mongo.find(stored, org.bson.Document.class, COLLECTION)) {
            String id = nudge.getString("_id");
            if (!subjects.contains(nudge.getString("subject"))) {
                continue;
            }
            if (wantedIds.contains(id)) {
                kept.add(id);
            } else {
                stale.add(id);
            }
        }
        long removed = 0;
        for (Query slice : Lookups.idSlices(stale)) {
            removed += mongo.remove(slice.addCriteria(Criteria.where("leaseUntil").is(null)), Stored.class)
                    .getDeletedCount();
        }
        boolean added = upsertAll(wanted.stream().filter(nudge -> !kept.contains(id(nudge))).toList());
        if (removed > 0 || added) {
            changed();
        }
    }

    /** Schedules each of these nudges (each once, as {@link #schedule} does), in one batch and one marker change. */
    public void scheduleAll(Collection<Nudge> nudges) {
        if (upsertAll(nudges)) {
            changed();
        }
    }

    /** Whether any of them was new. */
    private boolean upsertAll(Collection<Nudge> nudges) {
        if (nudges.isEmpty()) {
            return false;
        }
        BulkOperations batch = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, Stored.class);
        for (Nudge nudge : nudges) {
            batch.upsert(Query.query(Criteria.where("_id").is(id(nudge))), storedOnce(nudge));
        }
        return !batch.execute().getUpserts().isEmpty();
    }

    /** The upsert of a nudge that writes it only if it is not there: scheduling it again changes nothing. */
    private static Update storedOnce(Nudge nudge) {
        return new Update().setOnInsert("kind", nudge.kind()).setOnInsert("subject", nudge.subject())
                .setOnInsert("group", nudge.group()).setOnInsert("at", nudge.at());
    }

    /** Removes one nudge. */
    public void remove(Nudge nudge) {
        mongo.remove(Query.query(Criteria.where("_id").is(id(nudge))), Stored.class);
        changed();
    }

    /** Everything scheduled and not being fired, earliest first. */
    public List<Nudge> pending() {
        return mongo.find(Query.query(Criteria.where("leaseUntil").is(null)).with(Sort.by("at", "_id")), Stored.class)
                .stream().map(Stored::nudge).toList();
    }

    /**
     * One poll: fires what is due if the schedule changed (here or on another instance) or its earliest nudge has
     * come. Cheap otherwise: one read of the change marker.
     */
    public void tick() {
        long version = markerVersion();
        if (version != seenVersion || !clock.instant().isBefore(nextDue)) {
            seenVersion = version;
            fireDue();
        }
    }

    /**
     * Fires every nudge that is due now, earliest first, each leased first so that one instance fires it. Once one
     * was due, up to {@link ScheduleProperties#firingThreads()} fire at once (the lease makes each fire once, as it
     * does across instances); returns when all have fired.
     */
    public List<Nudge> fireDue() {
        List<Nudge> fired = Collections.synchronizedList(new ArrayList<>());
        if (fireNext(fired) && properties.firingThreads() > 1) {
            List<Future<?>> helpers = new ArrayList<>();
            try {
                for (int i = 1; i < properties.firingThreads(); i++) {
                    helpers.add(firing().submit(() -> drain(fired)));
                }
            } catch (RejectedExecutionException closing) {
                // Shutting down: this thread finishes what it takes.
            }
            drain(fired);
            for (Future<?> helper : helpers) {
                try {
                    helper.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (ExecutionException e) {
                    log.error("Firing nudges failed", e.getCause());
                }
            }
        }
        nextDue = earliestWork();
        return List.copyOf(fired);
    }

    private void drain(List<Nudge> fired) {
        while (fireNext(fired)) {
            // next
        }
    }

    /** Leases the earliest due nudge and fires it; false when none is due (or the application is closing). */
    private boolean fireNext(List<Nudge> fired) {
        Optional<Stored> next = accepting ? leaseNextDue() : Optional.empty();
        if (next.isEmpty()) {
            return false;
        }
        Stored leased = next.get();
        BotMetrics.schedulerLag(java.time.Duration.between(leased.at(), clock.instant()));
        try {
            dispatcher.getObject().fire(leased.nudge());
        } finally {
            // Fired (or failed and logged): it is done. Rescheduled meanwhile? That is a new nudge.
            mongo.remove(Query.query(Criteria.where("_id").is(leased.id())
                    .and("leasedBy").is(leased.leasedBy())), Stored.class);
        }
        fired.add(leased.nudge());
        return true;
    }

    /** The helpers that fire alongside the poll's thread, made on first use. */
    private synchronized ExecutorService firing() {
        if (firing == null) {
            AtomicInteger count = new AtomicInteger();
            firing = Executors.newFixedThreadPool(properties.firingThreads() - 1, r -> {
                Thread thread = new Thread(r, "opsbot-nudge-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }
        return firing;
    }

    @EventListener(ContextClosedEvent.class)
    public void closing() {
        accepting = false;
    }

    /** The helpers finish the nudge each is firing (as the poll's thread does) and stop. */
    @Override
    public synchronized void destroy() throws InterruptedException {
        if (firing != null) {
            firing.shutdown();
            firing.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    /** Forget what this instance knows; the next tick looks at the database again. */
    void changed() {
        nextDue = Instant.MIN;
        mongo.upsert(Query.query(Criteria.where("_id").is(MARKER_ID)), new Update().inc("version", 1L),
                MARKER_COLLECTION);
    }

    /** Another instance changed the schedule (a change stream said so). */
    void changedElsewhere() {
        nextDue = Instant.MIN;
    }

    @Override
    public long releaseLeasesOf(String instanceId) {
        long released = mongo.updateMulti(Query.query(Criteria.where("leasedBy").is(instanceId)),
                new Update().unset("leasedBy").unset("leaseUntil").unset("leaseToken"), Stored.class)
                .getModifiedCount();
        if (released > 0) {
            changed();
        }
        return released;
    }

    private Optional<Stored> leaseNextDue() {
        Instant now = clock.instant();
        // The driver retries a write once after a network error: a retry finds the lease its first try took.
        String token = UUID.randomUUID().toString();
        Criteria free = new Criteria().orOperator(Criteria.where("leaseUntil").is(null),
                Criteria.where("leaseUntil").lt(now), Criteria.where("leaseToken").is(token));
        Query due = Query.query(Criteria.where("at").lte(now)).addCriteria(free).with(Sort.by("at", "_id"));
        Update lease = new Update().set("leaseUntil", now.plus(properties.lease()))
                .set("leasedBy", instances.getObject().id()).set("leaseToken", token);
        return Optional.ofNullable(mongo.findAndModify(due, lease, FindAndModifyOptions.options().returnNew(true),
                Stored.class));
    }

    /** When there may next be something to fire: the earliest free nudge, or a lease running out. */
    private Instant earliestWork() {
        Stored free = mongo.findOne(Query.query(Criteria.where("leaseUntil").is(null)).with(Sort.by("at")).limit(1),
                Stored.class);
        Stored leased = mongo.findOne(Query.query(Criteria.where("leaseUntil").ne(null))
                .with(Sort.by("leaseUntil")).limit(1), Stored.class);
        Instant next = free == null ? Instant.MAX : free.at();
        return leased != null && leased.leaseUntil().isBefore(next) ? leased.leaseUntil() : next;
    }

    private long markerVersion() {
        org.bson.Document marker = mongo.findById(MARKER_ID, org.bson.Document.class, MARKER_COLLECTION);
        return marker == null ? 0 : marker.get("version", Number.class).longValue();
    }

    static String id(Nudge nudge) {
        return nudge.kind() + "|" + nudge.subject() + "|" + nudge.group() + "|" + nudge.at().toEpochMilli();
    }


    /** A nudge as stored: while one instance fires it, it is leased to that instance. */
    @Document(COLLECTION)
    @CompoundIndex(name = "nudges_subject", def = "{'kind': 1, 'subject': 1}")
    record Stored(@Id String id, String kind, String subject, String group, @Indexed(name = "nudges_due") Instant at,
                  String leasedBy, Instant leaseUntil) {

        Nudge nudge() {
            return new Nudge(kind, subject, group, at);
        }
    }
}
