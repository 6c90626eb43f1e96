package io.opsbot.core.onboarding;

import io.opsbot.core.schedule.Nudge;
import io.opsbot.core.schedule.NudgeHandler;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * Wakes runs up when their next step is due or a step becomes overdue. At start-up every active run is brought up to
 * date, which sends what came due while the bot was down (once: cards and reminders are keyed per run and step).
 */
@Component
public class OnboardingNudges implements NudgeHandler {

    private final OnboardingService onboarding;

    public OnboardingNudges(OnboardingService onboarding) {
        this.onboarding = onboarding;
    }

    @Override
    public Set<String> kinds() {
        return Set.of(OnboardingService.NUDGE);
    }

    @Override
    public void fire(Nudge nudge) {
        onboarding.advance(nudge.subject());
    }

    @Override
    public void rebuild() {
        onboarding.allActive().forEach(run -> onboarding.advance(run.getId()));
    }
}
