package io.opsbot.core.training;

import io.opsbot.core.schedule.Nudge;
import io.opsbot.core.schedule.NudgeHandler;
import io.opsbot.core.schedule.NudgeScheduler;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Training reminders (a day and 15 minutes before), announcement reminders, and the completion of a fan-out whose
 * request died half-way.
 */
@Component
public class TrainingNudges implements NudgeHandler {

    static final String REMINDER = "training.reminder";
    static final String ACK_REMINDER = "training.ack-reminder";
    /** Finishes a fan-out (invitations, announcement cards) whose request died half-way; removed when it did not. */
    static final String FAN_OUT = "training.fan-out";
    static final Duration FAN_OUT_GRACE = Duration.ofSeconds(30);

    private final TrainingSessionService sessions;
    private final AnnouncementService announcements;

    public TrainingNudges(TrainingSessionService sessions, AnnouncementService announcements) {
        this.sessions = sessions;
        this.announcements = announcements;
    }

    @Override
    public Set<String> kinds() {
        return Set.of(REMINDER, ACK_REMINDER, FAN_OUT);
    }

    @Override
    public void fire(Nudge nudge) {
        if (nudge.kind().equals(REMINDER)) {
            sessions.remind(nudge.subject(), nudge.group());
        } else if (nudge.kind().equals(FAN_OUT)) {
            sessions.finishFanOut(nudge.subject());
            announcements.finishFanOut(nudge.subject());
        } else {
            announcements.remindUnacknowledged(nudge.subject());
        }
    }

    /**
     * Stores a nudge that finishes the fan-out of {@code id} should the request doing it die half-way (it fires on
     * whichever instance is up); the caller removes it once the fan-out is stored.
     */
    static Nudge fanOutGuard(NudgeScheduler nudges, String id, Instant now) {
        Nudge guard = new Nudge(FAN_OUT, id, "", now.plus(FAN_OUT_GRACE));
        nudges.schedule(guard);
        return guard;
    }

    @Override
    public void rebuild() {
        sessions.rebuild();
        announcements.rebuild();
    }
}
