package io.opsbot.core.standup;

import io.opsbot.core.conversation.Action;
import io.opsbot.core.conversation.ActionRequest;
import io.opsbot.core.conversation.Actions;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.message.ButtonValue;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.tenant.UserRef;
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
                Action.anyone(StandupCards.ANSWER_ACTION, (request, value) -> {
                    StandupRun run = run(request, value);
                    return Response.form(answerForm.form(run, me(request, run)));
                }),
                Action.anyone(StandupCards.SKIP_ACTION, (request, value) -> {
                    StandupRun run = run(request, value);
                    Standup standup = service.find(run.getStandupId())
                            .orElseThrow(() -> new UserError("That standup was deleted."));
                    return Response.privately(service.skipToday(standup, me(request, run)));
                }),
                // "Ask me again" after prompts ignored in a row paused the person (the value is the standup's id).
                Action.anyone(StandupCards.RESUME_ACTION, (request, value) -> {
                    Standup standup = service.find(value.subject())
                            .filter(s -> service.memberOf(s, request.invoker().user()).isPresent())
                            .orElseThrow(() -> new UserError("You are no longer part of that standup."));
                    service.resumeAsking(service.memberOf(standup, request.invoker().user()).orElseThrow());
                    return Response.privately("OK, " + standup.getName() + " asks you again from its next day.");
                }),
                new Action(NEW_STANDUP, StandupForm.MANAGE, (request, value) -> Response.form(form.blank(
                        profiles.zone(request.invoker().user(), ZoneId.of("UTC"))))));
    }

    private StandupRun run(ActionRequest request, ButtonValue value) {
        return service.run(value.subject())
                .filter(r -> service.asIn(r, request.invoker().user()).isPresent())
                .orElseThrow(() -> new UserError("That standup day is no longer open."));
    }

    /** Who clicked, as the standup's tenant knows them (a linked person clicks on their other identity). */
    private UserRef me(ActionRequest request, StandupRun run) {
        return service.asIn(run, request.invoker().user()).orElseThrow();
    }
}
