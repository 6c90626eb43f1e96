package io.opsbot.core.schedule;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoClient;
import com.mongodb.connection.ClusterType;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import org.bson.Document;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Where the database has change streams (a MongoDB replica set), a change to the schedule made on another instance
 * wakes this one's poll at once instead of at its next tick. Without them (a standalone server, the embedded one)
 * this steps aside after one try, and the poll of the change marker does the job.
 */
@Component
class ScheduleChangeStream implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ScheduleChangeStream.class);

    private final MongoTemplate mongo;
    private final MongoClient client;
    private final NudgeScheduler nudges;
    private final Scheduler scheduler;
    private final ScheduleProperties properties;
    private volatile boolean running;
    private volatile MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor;

    ScheduleChangeStream(MongoTemplate mongo, MongoClient client, NudgeScheduler nudges, Scheduler scheduler,
                         ScheduleProperties properties) {
        this.mongo = mongo;
        this.client = client;
        this.nudges = nudges;
        this.scheduler = scheduler;
        this.properties = properties;
    }

    @Override
    public void start() {
        running = true;
        if (properties.changeStreams()) {
            Thread watcher = new Thread(this::watch, "opsbot-schedule-watch");
            watcher.setDaemon(true);
            watcher.start();
        }
    }

    private void watch() {
        ClusterType type = clusterType();
        if (type != ClusterType.REPLICA_SET && type != ClusterType.SHARDED) {
            log.info("The database is {}, without change streams: other instances' schedule changes are seen by "
                    + "polling every {}", type.name().toLowerCase(Locale.ROOT), properties.pollInterval());
            return;
        }
        boolean watched = false;
        while (running) {
            try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> stream = mongo
                    .getCollection(NudgeScheduler.MARKER_COLLECTION).watch().maxAwaitTime(1, TimeUnit.SECONDS).cursor()) {
                cursor = stream;
                if (!watched) {
                    log.info("Watching schedule changes with a change stream");
                    watched = true;
                }
                while (running) {
                    if (stream.tryNext() != null) {
                        nudges.changedElsewhere();
                        wakePoll();
                    }
                }
            } catch (MongoCommandException unsupported) {
                if (!watched) {
                    log.info("Change streams refused ({}); other instances' schedule changes are seen by polling "
                            + "every {}", unsupported.getErrorMessage(), properties.pollInterval());
                    return;
                }
                pause(5_000);
            } catch (MongoException | IllegalStateException e) {
                if (running) {
                    log.warn("Schedule change stream interrupted ({}); polling until it is back", e.toString());
                    pause(5_000);
                }
            }
        }
    }

    /** What kind of deployment the driver found (it learns this on its first connection). */
    private ClusterType clusterType() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        ClusterType type = client.getClusterDescription().getType();
        while (type == ClusterType.UNKNOWN && running && System.nanoTime() < deadline) {
            pause(100);
            type = client.getClusterDescription().getType();
        }
        return type;
    }

    private void wakePoll() {
        try {
            if (scheduler.isStarted() && !scheduler.isInStandbyMode()) {
                scheduler.triggerJob(NudgePolling.JOB);
            }
        } catch (SchedulerException e) {
            log.debug("Could not wake the nudge poll", e);
        }
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void stop() {
        running = false;
        MongoChangeStreamCursor<ChangeStreamDocument<Document>> open = cursor;
        if (open != null) {
            try {
                open.close();
            } catch (RuntimeException e) {
                // closing on the way out
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
