package io.opsbot.core.feedback;

import io.opsbot.core.conversation.Action;
import io.opsbot.core.conversation.ActionRequest;
import io.opsbot.core.conversation.Actions;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.message.ButtonValue;
import org.springframework.stereotype.Component;

import java.util.List;

/** The triage card's tracker buttons, for triagers: each opens its form (Jira's or Trello's lists read now). */
@Component
public class TrackerActions implements Actions {

    private final TrackerItemForms forms;

    public TrackerActions(TrackerItemForms forms) {
        this.forms = forms;
    }

    @Override
    public List<Action> actions() {
        return List.of(
                Action.needing(TrackerItemForms.TRIAGERS.role(), TrackerItemForms.LINK,
                        FeedbackCards.CREATE_JIRA_ACTION, (request, value) -> create(request, value, TrackerKind.JIRA)),
                Action.needing(TrackerItemForms.TRIAGERS.role(), TrackerItemForms.LINK,
                        FeedbackCards.CREATE_TRELLO_ACTION,
                        (request, value) -> create(request, value, TrackerKind.TRELLO)),
                Action.needing(TrackerItemForms.TRIAGERS.role(), TrackerItemForms.LINK, FeedbackCards.LINK_ACTION,
                        (request, value) -> Response.form(forms.link(request.invoker().tenant(), item(value)))));
    }

    private Response create(ActionRequest request, ButtonValue value, TrackerKind kind) {
        return Response.form(forms.create(request.invoker().tenant(), item(value), kind));
    }

    private static String item(ButtonValue value) {
        if (value.subject().isEmpty()) {
            throw Action.noLongerActive();
        }
        return value.subject();
    }
}
