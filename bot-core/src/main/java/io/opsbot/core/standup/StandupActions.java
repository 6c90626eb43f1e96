package io.opsbot.core.standup;

import io.opsbot.core.conversation.ActionHandler;
import io.opsbot.core.conversation.ActionRequest;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.UserError;
import org.springframework.stereotype.Component;

/** The buttons on standup prompts and confirmations: answer (or edit) in a form, skip today. */
@Component
public class StandupActions implements ActionHandler {

    /** "Answer" (or "Edit answers"): today's answer form; the button's value is the standup day's id. */
    public static final String ANSWER = StandupCards.ANSWER_ACTION;

    private final StandupService service;
    private final StandupAnswerForm answerForm;

    public StandupActions(StandupService service, StandupAnswerForm answerForm) {
        this.service = service;
        this.answerForm = answerForm;
    }

    @Override
    public String prefix() {
        return "standup";
    }

    @Override
    public Response handle(ActionRequest request) {
        StandupRun run = service.run(request.value())
                .filter(r -> r.getTenant().equals(request.invoker().tenant()))
                .orElseThrow(() -> new UserError("That standup day is no longer open."));
        if (request.actionId().equals(StandupCards.ANSWER_ACTION)) {
            return Response.form(answerForm.form(run, request.invoker().user()));
        }
        if (request.actionId().equals(StandupCards.SKIP_ACTION)) {
            Standup standup = service.find(run.getStandupId())
                    .orElseThrow(() -> new UserError("That standup was deleted."));
            return Response.privately(service.skipToday(standup, request.invoker().user()));
        }
        throw new UserError("That button is no longer active.");
    }
}
