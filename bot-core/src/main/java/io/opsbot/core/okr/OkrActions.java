package io.opsbot.core.okr;

import io.opsbot.core.conversation.Action;
import io.opsbot.core.conversation.Actions;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.identity.IdentityLinks;
import io.opsbot.core.people.NudgePreferences;
import io.opsbot.core.tenant.UserRef;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The "Check in" button on prompts, reminders and lists: opens the check-in form, filled in. Anyone may click it; the
 * check-in itself is for the key result's owner, a manager or an admin ({@link CheckInService#checkable}).
 */
@Component
public class OkrActions implements Actions {

    /** "Check in": the check-in form of the key result whose id is the button's value. */
    public static final String CHECK_IN = OkrCards.CHECK_IN_ACTION;

    /** "New objective" on the admins' home: the objective form. */
    public static final String NEW_OBJECTIVE = "okr.new-objective";

    private final CheckInService checkIns;
    private final CheckInForm form;
    private final ObjectiveForm objectiveForm;
    private final NudgePreferences preferences;
    private final IdentityLinks identities;

    public OkrActions(CheckInService checkIns, CheckInForm form, ObjectiveForm objectiveForm,
                      NudgePreferences preferences, IdentityLinks identities) {
        this.identities = identities;
        this.preferences = preferences;
        this.checkIns = checkIns;
        this.form = form;
        this.objectiveForm = objectiveForm;
    }

    @Override
    public List<Action> actions() {
        return List.of(Action.anyone(OkrCards.CHECK_IN_ACTION, (request, value) -> Response.form(
                        form.forKeyResult(checkIns.checkable(request.invoker().user(), value.subject())))),
                // "Ask me again" after ignored check-in prompts paused the owner.
                Action.anyone(OkrCards.RESUME_ACTION, (request, value) -> {
                    // Sent where the owner is asked: resume the owner, on whichever identity they clicked.
                    UserRef user = request.invoker().user();
                    preferences.resume(user, OkrNudges.RITUAL);
                    identities.partner(user).ifPresent(p -> preferences.resume(p, OkrNudges.RITUAL));
                    return Response.privately("OK, you will be asked to check in on your key results again from "
                            + "the next prompt.");
                }),
                new Action(NEW_OBJECTIVE, ObjectiveForm.PERMISSION, (request, value) ->
                        Response.form(objectiveForm.blank(request.invoker().tenant()))));
    }
}
