package io.opsbot.core.schedule;

import java.util.Set;

/**
 * A feature that runs on a schedule (standup prompts, reminders, cutoffs, check-ins). MongoDB holds its schedules;
 * {@link #rebuild()} turns them into Quartz triggers at start-up and catches up on what was due while the bot was
 * down. Handlers must be safe to fire twice for the same nudge: they claim every message they send.
 */
public interface NudgeHandler {

    Set<String> kinds();

    void fire(Nudge nudge);

    /** Re-creates every trigger from the database and fires what was missed but is still useful. */
    void rebuild();
}
