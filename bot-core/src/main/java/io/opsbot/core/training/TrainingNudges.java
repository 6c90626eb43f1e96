package io.opsbot.core.training;

import io.opsbot.core.schedule.Nudge;
import io.opsbot.core.schedule.NudgeHandler;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * Training reminders (a day and 15 minutes before), announcement reminders, and the completion of a fan-out whose
 * request died half-way.
 */
@Component
public class TrainingNudges implements NudgeHandler {

    private final TrainingService training;

    public TrainingNudges(TrainingService training) {
        this.training = training;
    }

    @Override
    public Set<String> kinds() {
        return Set.of(TrainingService.REMINDER, TrainingService.ACK_REMINDER, TrainingService.FAN_OUT);
    }

    @Override
    public void fire(Nudge nudge) {
        if (nudge.kind().equals(TrainingService.REMINDER)) {
            training.remind(nudge.subject(), nudge.group());
        } else if (nudge.kind().equals(TrainingService.FAN_OUT)) {
            training.finishFanOut(nudge.subject());
        } else {
            training.remindUnacknowledged(nudge.subject());
        }
    }

    @Override
    public void rebuild() {
        training.rebuild();
    }
}
