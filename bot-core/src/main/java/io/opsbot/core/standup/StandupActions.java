package io.opsbot.core.standup;

import io.opsbot.core.conversation.Action;
import io.opsbot.core.conversation.ActionRequest;
import io.opsbot.core.conversation.Actions;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.message.ButtonValue;
import io.opsbot.core.people.ProfileService;
import org.springframework.stereotype.Component;

import java.time.ZoneId;
import java.util.List;

/** The buttons on standup prompts and confirmations: answer (or edit) in a form, skip today; each for oneself. */
@Component
public class StandupActions implements Actions {

    /** "Answer" (or "Edit answers"): today's answer form; the button's value is the standup day's id. */
    public static final String ANSWER = StandupCards.ANSWER_ACTION;

    /** "New standup" on the admins' home: the set-up form. */
    public static final String NEW_STANDUP = "standup.new";

    private final StandupService service;
    private final StandupAnswerForm answerForm;
    private final StandupForm form;
    private final ProfileService profiles;

    public StandupActions(StandupService service, StandupAnswerForm answerForm, StandupForm form,
                          ProfileService profiles) {
        this.service = service;
        this.answerForm = answerForm;
        this.form = form;
        this.profiles = profiles;
    }

    @Override
    public List<Action> actions() {
        return List.of(
                Action.anyone(StandupCards.ANSWER_ACTION, (request, value) ->
                        Response.form(answerForm.form(run(request, value), request.invoker().user()))),
                Action.anyone(StandupCards.SKIP_ACTION, (request, value) -> {
                    Standup standup = service.find(run(request, value).getStandupId())
                            .orElseThrow(() -> new UserError("That standup was deleted."));
                    return Response.privately(service.skipToday(standup, request.invoker().user()));
                }),
                new Action(NEW_STANDUP, StandupForm.MANAGE, (request, value) -> Response.form(form.blank(
                        profiles.zone(request.invoker().user(), ZoneId.of("UTC"))))));
    }

    private StandupRun run(ActionRequest request, ButtonValue value) {
        return service.run(value.subject())
                .filter(r -> r.getTenant().equals(request.invoker().tenant()))
                .orElseThrow(() -> new UserError("That standup day is no longer open."));
    }
}
