package io.opsbot.core.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * The live instances of the bot on one database. Each records a heartbeat; leases (deliveries being sent, nudges
 * being fired) carry the id of the instance holding them. When an instance stops, or has not been heard of for
 * {@link InstanceProperties#getGoneAfter()}, its leases are freed for the others: a crash in the middle of a run is
 * picked up within seconds by whichever instance is still alive.
 */
@Component
public class Instances implements SmartLifecycle {

    /** Starts before anything that takes leases and stops after all of them (Quartz, outbox, web server). */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 8192;

    private static final Logger log = LoggerFactory.getLogger(Instances.class);

    static final String COLLECTION = "instances";

    private final MongoTemplate mongo;
    private final ObjectProvider<LeaseHolder> holders;
    private final InstanceProperties properties;
    private final Clock clock;
    private final String id;
    private final boolean exclusive;
    private volatile Instant lastBeat = Instant.MIN;
    private volatile boolean running;

    public Instances(MongoTemplate mongo, ObjectProvider<LeaseHolder> holders, InstanceProperties properties,
                     ObjectProvider<ExclusiveDatabase> exclusive, Clock clock) {
        this.mongo = mongo;
        this.holders = holders;
        this.properties = properties;
        this.clock = clock;
        this.exclusive = exclusive.getIfAvailable() != null;
        this.id = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** This instance, as leases name it. */
    public String id() {
        return id;
    }

    /**
     * Joins: records this instance and, on a database nobody else uses, frees what earlier runs of this bot left
     * leased when they died.
     */
    public void join() {
        beat(clock.instant());
        if (exclusive) {
            for (Instance other : mongo.find(Query.query(Criteria.where("_id").ne(id)), Instance.class)) {
                release(other.id(), "an earlier run of this bot");
            }
        }
    }

    /** Called often (every nudge tick): heartbeats, and frees the leases of instances that went silent. */
    public void tick() {
        Instant now = clock.instant();
        if (now.isBefore(lastBeat.plus(properties.heartbeat()))) {
            return;
        }
        beat(now);
        Query silent = Query.query(Criteria.where("_id").ne(id).and("seenAt")
                .lt(now.minus(properties.goneAfter())));
        for (Instance gone : mongo.find(silent, Instance.class)) {
            release(gone.id(), "silent since " + gone.seenAt());
        }
    }

    /** Leaves: hands back everything this instance still holds (a graceful shutdown). */
    public void leave() {
        release(id, "stopping");
    }

    private void beat(Instant now) {
        lastBeat = now;
        mongo.upsert(Query.query(Criteria.where("_id").is(id)), new Update().set("seenAt", now)
                .setOnInsert("startedAt", now), Instance.class);
    }

    private void release(String instance, String why) {
        long released = 0;
        for (LeaseHolder holder : holders) {
            released += holder.releaseLeasesOf(instance);
        }
        mongo.remove(Query.query(Criteria.where("_id").is(instance)), Instance.class);
        if (released > 0 || !instance.equals(id)) {
            log.info("Instance {} is gone ({}): {} lease(s) freed", instance, why, released);
        }
    }

    @Override
    public void start() {
        join();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        try {
            leave();
        } catch (RuntimeException e) {
            log.warn("Could not hand back this instance's leases on the way out: {}", e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    @org.springframework.data.mongodb.core.mapping.Document(COLLECTION)
    public record Instance(@Id String id, Instant startedAt, Instant seenAt) {
    }
}
