package io.opsbot.core.home;

import io.opsbot.core.conversation.ActionHandler;
import io.opsbot.core.conversation.ActionRequest;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.feedback.FeedbackForm;
import org.springframework.stereotype.Component;

/** The home's own buttons: Refresh redraws it in place, Share feedback opens the feedback form. */
@Component
public class HomeActions implements ActionHandler {

    private final HomeService homes;
    private final FeedbackForm feedbackForm;

    public HomeActions(HomeService homes, FeedbackForm feedbackForm) {
        this.homes = homes;
        this.feedbackForm = feedbackForm;
    }

    @Override
    public String prefix() {
        return "home";
    }

    @Override
    public Response handle(ActionRequest request) {
        return switch (request.actionId()) {
            case HomeCards.REFRESH -> new Response.UpdateMessage(HomeCards.card(homes.of(request.invoker().user(),
                    request.invoker().zone())));
            case HomeCards.NEW_FEEDBACK -> Response.form(feedbackForm.blank(request.invoker().tenant()));
            default -> throw new UserError("That button is no longer active.");
        };
    }
}
