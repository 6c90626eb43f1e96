package io.opsbot.core.schedule;

import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;

/**
 * The Quartz side of scheduling: one one-shot trigger per {@link Nudge}, all firing the same job, which hands the
 * nudge to its {@link NudgeHandler}. Triggers live in Quartz's memory store and are rebuilt from MongoDB at start-up
 * (Quartz's MongoDB job stores are not cluster-safe; exactly-once comes from claims in MongoDB instead).
 */
@Component
public class NudgeScheduler {

    static final JobKey JOB = JobKey.jobKey("nudge", "opsbot");
    static final String KIND = "kind";
    static final String SUBJECT = "subject";
    static final String GROUP = "group";
    static final String AT = "at";

    private final Scheduler scheduler;

    public NudgeScheduler(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** Schedules (or moves) the nudge. A time in the past fires as soon as the scheduler runs. */
    public void schedule(Nudge nudge) {
        try {
            ensureJob();
            TriggerKey key = key(nudge);
            JobDataMap data = new JobDataMap();
            data.put(KIND, nudge.kind());
            data.put(SUBJECT, nudge.subject());
            data.put(GROUP, nudge.group());
            data.put(AT, nudge.at().toEpochMilli());
            Trigger trigger = TriggerBuilder.newTrigger().withIdentity(key).forJob(JOB).usingJobData(data)
                    .startAt(Date.from(nudge.at()))
                    .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                    .build();
            if (scheduler.checkExists(key)) {
                scheduler.rescheduleJob(key, trigger);
            } else {
                scheduler.scheduleJob(trigger);
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("Could not schedule " + nudge, e);
        }
    }

    /** Removes every pending nudge of this kind about this subject. */
    public void cancel(String kind, String subject) {
        try {
            for (TriggerKey key : scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(kind))) {
                if (key.getName().startsWith(subject + "|")) {
                    scheduler.unscheduleJob(key);
                }
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("Could not cancel " + kind + " " + subject, e);
        }
    }

    /** Removes one nudge (after it fired). */
    public void remove(Nudge nudge) {
        try {
            scheduler.unscheduleJob(key(nudge));
        } catch (SchedulerException e) {
            throw new IllegalStateException("Could not remove " + nudge, e);
        }
    }

    /** Everything scheduled, earliest first. */
    public List<Nudge> pending() {
        try {
            List<Nudge> nudges = new ArrayList<>();
            for (String group : scheduler.getTriggerGroupNames()) {
                for (TriggerKey key : scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(group))) {
                    Trigger trigger = scheduler.getTrigger(key);
                    if (trigger != null && JOB.equals(trigger.getJobKey())) {
                        nudges.add(read(trigger.getJobDataMap()));
                    }
                }
            }
            nudges.sort(Comparator.comparing(Nudge::at));
            return nudges;
        } catch (SchedulerException e) {
            throw new IllegalStateException("Could not list nudges", e);
        }
    }

    static Nudge read(JobDataMap data) {
        return new Nudge(data.getString(KIND), data.getString(SUBJECT), data.getString(GROUP),
                Instant.ofEpochMilli(data.getLong(AT)));
    }

    private static TriggerKey key(Nudge nudge) {
        return TriggerKey.triggerKey(nudge.subject() + "|" + nudge.group() + "|" + nudge.at().toEpochMilli(),
                nudge.kind());
    }

    private void ensureJob() throws SchedulerException {
        if (!scheduler.checkExists(JOB)) {
            JobDetail job = JobBuilder.newJob(NudgeJob.class).withIdentity(JOB).storeDurably().build();
            try {
                scheduler.addJob(job, false);
            } catch (org.quartz.ObjectAlreadyExistsException raced) {
                // another thread added it first
            }
        }
    }
}
