package io.opsbot.core.schedule;

import java.util.Set;

/**
 * A feature that runs on a schedule (standup prompts, reminders, cutoffs, check-ins). Its nudges are stored in
 * MongoDB ({@link NudgeScheduler}); {@link #rebuild()} re-derives them from the feature's own data at start-up and
 * catches up on what was due while no bot was running. Handlers must be safe to fire twice for the same nudge (an
 * instance may die half-way, and the nudge is fired again elsewhere): they claim every message they send.
 */
public interface NudgeHandler {

    Set<String> kinds();

    void fire(Nudge nudge);

    /** Re-creates every nudge from the feature's data and schedules what was missed but is still useful. */
    void rebuild();
}
