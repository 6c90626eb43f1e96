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

/** Once a minute, posts the feedback items whose triage post could not be queued when they were saved. */
@Configuration(proxyBeanMethods = false)
public class FeedbackRepair {

    @Bean
    JobDetail feedbackRepairJob() {
        return JobBuilder.newJob(RepairJob.class).withIdentity("feedback-repair").storeDurably().build();
    }

    @Bean
    Trigger feedbackRepairTrigger(JobDetail feedbackRepairJob) {
        return TriggerBuilder.newTrigger().forJob(feedbackRepairJob).withIdentity("feedback-repair")
                .withSchedule(SimpleScheduleBuilder.repeatMinutelyForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }

    @DisallowConcurrentExecution
    static class RepairJob implements Job {

        private final FeedbackService feedback;

        RepairJob(FeedbackService feedback) {
            this.feedback = feedback;
        }

        @Override
        public void execute(JobExecutionContext context) {
            feedback.publishPending();
        }
    }
}
