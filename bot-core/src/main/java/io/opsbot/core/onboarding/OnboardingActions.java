package io.opsbot.core.onboarding;

import io.opsbot.core.conversation.Action;
import io.opsbot.core.conversation.ActionRequest;
import io.opsbot.core.conversation.Actions;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.message.ButtonValue;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The buttons of a step card: Done ticks the step, Back and Next show another arrived step; the card updates in place.
 * Anyone may click; the run answers only its own person ({@link OnboardingService#own}).
 */
@Component
public class OnboardingActions implements Actions {

    /** Shows an arrived step of a run; the button's value is {@link #step}. */
    public static final String SHOW_STEP = OnboardingCards.SHOW;

    /** "New track" on the admins' home: the track form. */
    public static final String NEW_TRACK = "onboarding.new-track";

    private final OnboardingService onboarding;
    private final OnboardingTrackForm trackForm;

    public OnboardingActions(OnboardingService onboarding, OnboardingTrackForm trackForm) {
        this.onboarding = onboarding;
        this.trackForm = trackForm;
    }

    /** The value of a button showing this step of this run. */
    public static ButtonValue step(OnboardingRun run, int index) {
        return OnboardingCards.value(run, index);
    }

    @Override
    public List<Action> actions() {
        return List.of(
                Action.anyone(OnboardingCards.DONE, (request, value) -> card(onboarding.done(
                        request.invoker().user(), value.subject(), step(value)), step(value))),
                Action.anyone(OnboardingCards.SHOW, this::show),
                Action.anyone(OnboardingCards.ANSWER, this::answer),
                new Action(NEW_TRACK, OnboardingTrackForm.WRITE_TRACKS, (request, value) ->
                        Response.form(trackForm.open(request.invoker().tenant(), null))));
    }

    private Response show(ActionRequest request, ButtonValue value) {
        int index = step(value);
        OnboardingRun run = onboarding.own(request.invoker().user(), value.subject(), index);
        if (!run.released(index)) {
            throw new UserError("That step hasn't arrived yet.");
        }
        return card(run, index);
    }

    /** A quiz button: its value's argument is "step:choice". */
    private Response answer(ActionRequest request, ButtonValue value) {
        String[] parts = value.argument() == null ? new String[0] : value.argument().split(":");
        int index;
        int choice;
        try {
            index = parts.length == 2 ? Integer.parseInt(parts[0]) : -1;
            choice = parts.length == 2 ? Integer.parseInt(parts[1]) : -1;
        } catch (NumberFormatException e) {
            throw Action.noLongerActive();
        }
        if (index < 0 || choice < 0) {
            throw Action.noLongerActive();
        }
        return card(onboarding.answer(request.invoker().user(), value.subject(), index, choice), index);
    }

    private Response card(OnboardingRun run, int index) {
        return new Response.UpdateMessage(OnboardingCards.step(run, index, onboarding.nextArrival(run)));
    }

    private static int step(ButtonValue value) {
        int index = value.intArgument();
        if (index < 0) {
            throw Action.noLongerActive();
        }
        return index;
    }
}
