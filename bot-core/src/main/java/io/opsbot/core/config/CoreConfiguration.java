package io.opsbot.core.config;

import org.springframework.boot.SpringBootConfiguration;
import io.opsbot.core.cluster.InstanceProperties;
import io.opsbot.core.schedule.ScheduleProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.data.mongodb.repository.config.EnableMongoRepositories;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import java.time.Clock;

/** Wires the conversation core. bot-app imports this; adapters' tests import it with their own configuration. */
@Configuration(proxyBeanMethods = false)
// Application classes (and test applications in test-jars) configure themselves; never pick one up by scanning.
@ComponentScan(basePackages = "io.opsbot.core",
        excludeFilters = @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootConfiguration.class))
@EnableMongoRepositories(basePackages = "io.opsbot.core")
@EnableConfigurationProperties({OpsBotProperties.class, ScheduleProperties.class, InstanceProperties.class})
public class CoreConfiguration {

    /** All time comes from here; tests put a movable clock in front of it with {@code @Primary}. */
    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Runs outbound sends (triage posts, notifications) after the inbound request has been answered, so Slack's 3 s
     * and Teams' 15 s deadlines never wait on another HTTP call.
     */
    @Bean(name = OUTBOUND_EXECUTOR)
    public ThreadPoolTaskExecutor outboundExecutor() {
        return pool("opsbot-out-", 4);
    }

    /**
     * Runs what a person is looking at right now and waits for: their Slack Home tab being built and published, the
     * bot's answer to their Teams message. Kept apart from {@link #outboundExecutor()}, whose queue can hold a whole
     * fan-out of paced sends (each may wait up to two seconds for its turn), so these never queue behind one.
     */
    @Bean(name = INTERACTIVE_EXECUTOR)
    public ThreadPoolTaskExecutor interactiveExecutor() {
        return pool("opsbot-now-", 2);
    }

    /** A fixed pool whose queued work finishes on shutdown (up to 10 s); what is left stays stored in the outbox. */
    private static ThreadPoolTaskExecutor pool(String threadNamePrefix, int threads) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix(threadNamePrefix);
        executor.setCorePoolSize(threads);
        executor.setMaxPoolSize(threads);
        executor.setQueueCapacity(10_000);
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(10);
        return executor;
    }

    @Bean
    DatabaseSettings databaseSettings(org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails connection,
                                      OpsBotProperties properties) {
        return new DatabaseSettings(connection, properties.database());
    }

    public static final String OUTBOUND_EXECUTOR = "opsbotOutboundExecutor";
    public static final String INTERACTIVE_EXECUTOR = "opsbotInteractiveExecutor";
}
