package io.opsbot.core.feedback;

import io.opsbot.core.access.Role;
import io.opsbot.core.conversation.Action;
import io.opsbot.core.conversation.ActionRequest;
import io.opsbot.core.conversation.Actions;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.home.HomeCards;
import io.opsbot.core.link.DashboardLinks;
import io.opsbot.core.message.ButtonValue;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The status buttons on a triage card (triagers and admins): change the status, redraw the card, tell the reporter;
 * and "Share feedback" on a person's home, which opens the form.
 */
@Component
public class FeedbackActions implements Actions {

    static final String CHANGE_STATUS = "change a feedback item's status";

    private final FeedbackService feedback;
    private final FeedbackForm form;
    private final DashboardLinks links;

    public FeedbackActions(FeedbackService feedback, FeedbackForm form, DashboardLinks links) {
        this.feedback = feedback;
        this.form = form;
        this.links = links;
    }

    @Override
    public List<Action> actions() {
        return List.of(Action.needing(Role.TRIAGER, CHANGE_STATUS, FeedbackCards.STATUS_ACTION, this::changeStatus),
                Action.anyone(HomeCards.NEW_FEEDBACK, (request, value) ->
                        Response.form(form.blank(request.invoker().tenant()))));
    }

    private Response changeStatus(ActionRequest request, ButtonValue value) {
        ButtonValue target = value.argument() != null ? value : fromFirstCards(value.subject());
        FeedbackStatus to = FeedbackStatus.parse(target.argument()).orElseThrow(Action::noLongerActive);
        FeedbackItem item = feedback.changeStatus(request.invoker(), target.subject(), to, false);
        return new Response.UpdateMessage(FeedbackCards.triageCard(item, links));
    }

    /** Triage cards are kept for months; the first ones carry {@code itemId:STATUS} rather than a ButtonValue. */
    private static ButtonValue fromFirstCards(String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0) {
            throw Action.noLongerActive();
        }
        return ButtonValue.of(value.substring(0, colon), value.substring(colon + 1));
    }
}
