package io.opsbot.core.schedule;

import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** The one Quartz job behind every nudge: reads the nudge from the trigger and dispatches it. */
public class NudgeJob implements Job {

    private final NudgeDispatcher dispatcher;

    public NudgeJob(NudgeDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public void execute(JobExecutionContext context) {
        dispatcher.fire(NudgeScheduler.read(context.getMergedJobDataMap()));
    }
}
