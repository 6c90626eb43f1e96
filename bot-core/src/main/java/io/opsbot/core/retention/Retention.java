package io.opsbot.core.retention;

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
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The daily job that deletes the data of tenants the app left longer ago than the retention ({@link
 * RetentionProperties}). A tenant that installed the app again in between is no longer among the departures.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RetentionProperties.class)
public class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    @Bean
    JobDetail retentionJob() {
        return JobBuilder.newJob(RetentionJob.class).withIdentity("retention").storeDurably().build();
    }

    @Bean
    Trigger retentionTrigger(JobDetail retentionJob) {
        return TriggerBuilder.newTrigger().forJob(retentionJob).withIdentity("retention")
                .startAt(Date.from(Instant.now().plus(Duration.ofMinutes(15))))
                .withSchedule(SimpleScheduleBuilder.repeatHourlyForever(24)
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }

    /** Deletes what is past its retention; returns how many tenants went. */
    public static int expire(Departures departures, TenantData data, Duration retention, Instant now) {
        int erased = 0;
        for (Departure departure : departures.leftBefore(now.minus(retention))) {
            log.info("Deleting the data of {}: the app left it {} ({}), longer ago than the retention of {}",
                    departure.getTenant(), departure.getLeftAt(), departure.getReason(), retention);
            data.erase(departure.getTenant(), true);
            departures.returned(departure.getTenant());
            erased++;
        }
        return erased;
    }

    @DisallowConcurrentExecution
    static class RetentionJob implements Job {

        private final Departures departures;
        private final TenantData data;
        private final RetentionProperties properties;
        private final Clock clock;

        RetentionJob(Departures departures, TenantData data, RetentionProperties properties, Clock clock) {
            this.departures = departures;
            this.data = data;
            this.properties = properties;
            this.clock = clock;
        }

        @Override
        public void execute(JobExecutionContext context) {
            expire(departures, data, properties.getAfterRemoval(), clock.instant());
        }
    }
}
