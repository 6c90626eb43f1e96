package io.opsbot.core.delivery;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A Quartz job that retries due deliveries ({@link OutboxProperties#getPollInterval()}, 30 s by default), until each is
 * sent, expired or given up.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxSchedule {

    @Bean
    JobDetail outboxRetryJob() {
        return JobBuilder.newJob(RetryJob.class).withIdentity("outbox-retry").storeDurably().build();
    }

    @Bean
    Trigger outboxRetryTrigger(JobDetail outboxRetryJob, OutboxProperties properties) {
        return TriggerBuilder.newTrigger().forJob(outboxRetryJob).withIdentity("outbox-retry")
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(properties.pollInterval().toMillis()).repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }

    @DisallowConcurrentExecution
    static class RetryJob implements Job {

        private final Outbox outbox;

        RetryJob(Outbox outbox) {
            this.outbox = outbox;
        }

        @Override
        public void execute(JobExecutionContext context) {
            outbox.retryDue();
        }
    }
}
