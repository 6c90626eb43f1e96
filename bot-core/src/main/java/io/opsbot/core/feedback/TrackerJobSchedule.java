package io.opsbot.core.feedback;

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

/** Every 15 seconds, the Jira issues and Trello cards whose creation waits for the service ({@link TrackerLinks}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TrackerProperties.class)
public class TrackerJobSchedule {

    @Bean
    JobDetail trackerRetryJob() {
        return JobBuilder.newJob(RetryJob.class).withIdentity("tracker-retry").storeDurably().build();
    }

    @Bean
    Trigger trackerRetryTrigger(JobDetail trackerRetryJob) {
        return TriggerBuilder.newTrigger().forJob(trackerRetryJob).withIdentity("tracker-retry")
                .withSchedule(SimpleScheduleBuilder.repeatSecondlyForever(15)
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }

    @DisallowConcurrentExecution
    static class RetryJob implements Job {

        private final TrackerLinks links;

        RetryJob(TrackerLinks links) {
            this.links = links;
        }

        @Override
        public void execute(JobExecutionContext context) {
            links.retryDue();
        }
    }
}
