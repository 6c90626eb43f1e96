package io.opsbot.core.okr;

import io.opsbot.core.conversation.ActionHandler;
import io.opsbot.core.conversation.ActionRequest;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.UserError;
import org.springframework.stereotype.Component;

/** The "Check in" button on prompts, reminders and lists: opens the check-in form, filled in. */
@Component
public class OkrActions implements ActionHandler {

    /** "Check in": the check-in form of the key result whose id is the button's value. */
    public static final String CHECK_IN = OkrCards.CHECK_IN_ACTION;

    private final CheckInService checkIns;
    private final CheckInForm form;

    public OkrActions(CheckInService checkIns, CheckInForm form) {
        this.checkIns = checkIns;
        this.form = form;
    }

    @Override
    public String prefix() {
        return "okr";
    }

    @Override
    public Response handle(ActionRequest request) {
        if (!request.actionId().equals(OkrCards.CHECK_IN_ACTION)) {
            throw new UserError("That button is no longer active.");
        }
        return Response.form(form.forKeyResult(checkIns.checkable(request.invoker().user(), request.value())));
    }
}
