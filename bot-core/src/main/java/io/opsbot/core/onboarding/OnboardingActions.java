package io.opsbot.core.onboarding;

import io.opsbot.core.conversation.ActionHandler;
import io.opsbot.core.conversation.ActionRequest;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.UserError;
import org.springframework.stereotype.Component;

/** The buttons of a step card: Done ticks the step, Back and Next show another arrived step; the card updates in place. */
@Component
public class OnboardingActions implements ActionHandler {

    /** Shows an arrived step of a run; the button's value is {@link #step}. */
    public static final String SHOW_STEP = OnboardingCards.SHOW;

    private final OnboardingService onboarding;

    public OnboardingActions(OnboardingService onboarding) {
        this.onboarding = onboarding;
    }

    /** The value of a button showing this step of this run. */
    public static String step(OnboardingRun run, int index) {
        return OnboardingCards.value(run, index);
    }

    @Override
    public String prefix() {
        return "onboarding";
    }

    @Override
    public Response handle(ActionRequest request) {
        int hash = request.value().lastIndexOf('#');
        int index;
        try {
            index = hash < 0 ? -1 : Integer.parseInt(request.value().substring(hash + 1));
        } catch (NumberFormatException e) {
            index = -1;
        }
        if (index < 0) {
            throw new UserError("That button is no longer active.");
        }
        String runId = request.value().substring(0, hash);
        OnboardingRun run;
        if (request.actionId().equals(OnboardingCards.DONE)) {
            run = onboarding.done(request.invoker().user(), runId, index);
        } else if (request.actionId().equals(OnboardingCards.SHOW)) {
            run = onboarding.own(request.invoker().user(), runId, index);
            if (!run.released(index)) {
                throw new UserError("That step hasn't arrived yet.");
            }
        } else {
            throw new UserError("That button is no longer active.");
        }
        return new Response.UpdateMessage(OnboardingCards.step(run, index, onboarding.nextArrival(run)));
    }
}
