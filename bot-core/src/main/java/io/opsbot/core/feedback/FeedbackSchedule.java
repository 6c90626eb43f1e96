package io.opsbot.core.feedback;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A Quartz job that retries triage posts every minute until each item is posted or given up. */
@Configuration(proxyBeanMethods = false)
public class FeedbackSchedule {

    @Bean
    JobDetail feedbackTriageRetryJob() {
        return JobBuilder.newJob(RetryJob.class).withIdentity("feedback-triage-retry").storeDurably().build();
    }

    @Bean
    Trigger feedbackTriageRetryTrigger(JobDetail feedbackTriageRetryJob) {
        return TriggerBuilder.newTrigger().forJob(feedbackTriageRetryJob).withIdentity("feedback-triage-retry")
                .withSchedule(SimpleScheduleBuilder.repeatSecondlyForever(60)
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }

    @DisallowConcurrentExecution
    static class RetryJob implements Job {

        private final FeedbackTriage triage;

        RetryJob(FeedbackTriage triage) {
            this.triage = triage;
        }

        @Override
        public void execute(JobExecutionContext context) {
            triage.retryDue();
        }
    }
}
