package io.opsbot.core.schedule;

import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Quartz runs the nudge poll ({@link NudgeJob}) on every instance. */
@Configuration(proxyBeanMethods = false)
public class NudgePolling {

    static final JobKey JOB = JobKey.jobKey("nudge-poll", "opsbot");

    @Bean
    JobDetail nudgePollJob() {
        return JobBuilder.newJob(NudgeJob.class).withIdentity(JOB).storeDurably().build();
    }

    @Bean
    Trigger nudgePollTrigger(JobDetail nudgePollJob, ScheduleProperties properties) {
        return TriggerBuilder.newTrigger().forJob(nudgePollJob).withIdentity("nudge-poll")
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(properties.pollInterval().toMillis()).repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }
}
