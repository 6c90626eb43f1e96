package io.opsbot.core.housekeeping;

import io.opsbot.core.claim.Claims;
import io.opsbot.core.delivery.Delivery;
import io.opsbot.core.dialog.DialogService;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Daily clean-up of what only served exactly-once and retries: expired claims, finished dialogs, and deliveries long
 * done. MongoDB's TTL index removes claims by itself; the embedded server has no TTL index and scans collections, so
 * keeping them small matters there. Triage cards are kept: their status buttons may be used months later.
 */
@Configuration(proxyBeanMethods = false)
public class Housekeeping {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    static final Duration KEEP_DELIVERIES = Duration.ofDays(90);
    static final Duration KEEP_DIALOGS = Duration.ofDays(30);
    static final String SEARCH_CHANGES = "feedback_changes";

    @Bean
    JobDetail housekeepingJob() {
        return JobBuilder.newJob(CleanUpJob.class).withIdentity("housekeeping").storeDurably().build();
    }

    @Bean
    Trigger housekeepingTrigger(JobDetail housekeepingJob) {
        return TriggerBuilder.newTrigger().forJob(housekeepingJob).withIdentity("housekeeping")
                .startAt(java.util.Date.from(Instant.now().plus(Duration.ofMinutes(10))))
                .withSchedule(SimpleScheduleBuilder.repeatHourlyForever(24)
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }

    /** Removes what is no longer needed; returns how many documents went. */
    public static long cleanUp(MongoTemplate mongo, Instant now) {
        long claims = mongo.remove(Query.query(Criteria.where("expireAt").lt(now)), Claims.COLLECTION)
                .getDeletedCount();
        long dialogs = mongo.remove(Query.query(Criteria.where("state").in("DONE", "CANCELLED", "EXPIRED")
                .and("createdAt").lt(now.minus(KEEP_DIALOGS))), DialogService.COLLECTION).getDeletedCount();
        long deliveries = mongo.remove(Query.query(Criteria.where("state").in("SENT", "FAILED", "EXPIRED")
                .and("createdAt").lt(now.minus(KEEP_DELIVERIES))
                .and("_id").not().regex("^feedback-triage:")), Delivery.COLLECTION).getDeletedCount()
                + mongo.remove(Query.query(Criteria.where("state").in("SENT", "FAILED", "EXPIRED")
                .and("keepUntil").lt(now)), Delivery.COLLECTION).getDeletedCount();
        // The feedback search index's change log (named, not imported: a shared service knows no feature); an index
        // that far behind is rebuilt rather than caught up.
        long changes = mongo.remove(Query.query(Criteria.where("expireAt").lt(now)), SEARCH_CHANGES)
                .getDeletedCount();
        if (claims + dialogs + deliveries + changes > 0) {
            log.info("Housekeeping removed {} claims, {} dialogs, {} deliveries, {} search changes", claims, dialogs,
                    deliveries, changes);
        }
        return claims + dialogs + deliveries + changes;
    }

    @DisallowConcurrentExecution
    static class CleanUpJob implements Job {

        private final MongoTemplate mongo;
        private final Clock clock;

        CleanUpJob(MongoTemplate mongo, Clock clock) {
            this.mongo = mongo;
            this.clock = clock;
        }

        @Override
        public void execute(JobExecutionContext context) {
            cleanUp(mongo, clock.instant());
        }
    }
}
