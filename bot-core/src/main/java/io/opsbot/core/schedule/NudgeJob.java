package io.opsbot.core.schedule;

import io.opsbot.core.cluster.Instances;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * The poll every instance runs (every {@link ScheduleProperties#getPollInterval()}): fires the nudges that are due,
 * and keeps this instance's heartbeat going.
 */
@DisallowConcurrentExecution
public class NudgeJob implements Job {

    private final NudgeScheduler nudges;
    private final Instances instances;

    public NudgeJob(NudgeScheduler nudges, Instances instances) {
        this.nudges = nudges;
        this.instances = instances;
    }

    @Override
    public void execute(JobExecutionContext context) {
        instances.tick();
        nudges.tick();
    }
}
