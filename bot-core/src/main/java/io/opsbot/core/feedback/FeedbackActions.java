package io.opsbot.core.feedback;

import io.opsbot.core.conversation.ActionHandler;
import io.opsbot.core.conversation.ActionRequest;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.UserError;
import org.springframework.stereotype.Component;

/** The status buttons on a triage card: change the status, redraw the card, tell the reporter. */
@Component
public class FeedbackActions implements ActionHandler {

    private final FeedbackService feedback;

    public FeedbackActions(FeedbackService feedback) {
        this.feedback = feedback;
    }

    @Override
    public String prefix() {
        return "feedback";
    }

    @Override
    public Response handle(ActionRequest request) {
        if (!request.actionId().equals(FeedbackCards.STATUS_ACTION)) {
            throw new UserError("That button is no longer active.");
        }
        int colon = request.value().lastIndexOf(':');
        FeedbackStatus to = colon < 0 ? null : FeedbackStatus.parse(request.value().substring(colon + 1)).orElse(null);
        if (to == null) {
            throw new UserError("That button is no longer active.");
        }
        FeedbackItem item = feedback.changeStatus(request.invoker(), request.value().substring(0, colon), to, false);
        return new Response.UpdateMessage(FeedbackCards.triageCard(item));
    }
}
