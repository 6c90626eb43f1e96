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

/** Every minute, a look for triage posts the outbox gave up on ({@link FeedbackTriage#noteUndelivered()}). */
@Configuration(proxyBeanMethods = false)
public class UndeliveredTriageSchedule {

    @Bean
    JobDetail undeliveredTriageJob() {
        return JobBuilder.newJob(NoteJob.class).withIdentity("undelivered-triage").storeDurably().build();
    }

    @Bean
    Trigger undeliveredTriageTrigger(JobDetail undeliveredTriageJob) {
        return TriggerBuilder.newTrigger().forJob(undeliveredTriageJob).withIdentity("undelivered-triage")
                .withSchedule(SimpleScheduleBuilder.repeatMinutelyForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }

    @DisallowConcurrentExecution
    static class NoteJob implements Job {

        private final FeedbackTriage triage;

        NoteJob(FeedbackTriage triage) {
            this.triage = triage;
        }

        @Override
        public void execute(JobExecutionContext context) {
            triage.noteUndelivered();
        }
    }
}
