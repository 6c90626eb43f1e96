package io.opsbot.core.training;

import io.opsbot.core.schedule.Nudge;
import io.opsbot.core.schedule.NudgeHandler;
import org.springframework.stereotype.Component;

import java.util.Set;

/** Training reminders (a day and 15 minutes before) and announcement reminders, rebuilt from MongoDB at start-up. */
@Component
public class TrainingNudges implements NudgeHandler {

    static final String REMINDER = "training.reminder";
    static final String ACK_REMINDER = "training.ack-reminder";

    private final TrainingSessionService sessions;
    private final AnnouncementService announcements;

    public TrainingNudges(TrainingSessionService sessions, AnnouncementService announcements) {
        this.sessions = sessions;
        this.announcements = announcements;
    }

    @Override
    public Set<String> kinds() {
        return Set.of(REMINDER, ACK_REMINDER);
    }

    @Override
    public void fire(Nudge nudge) {
        if (nudge.kind().equals(REMINDER)) {
            sessions.remind(nudge.subject(), nudge.group());
        } else {
            announcements.remindUnacknowledged(nudge.subject());
        }
    }

    @Override
    public void rebuild() {
        sessions.rebuild();
        announcements.rebuild();
    }
}
