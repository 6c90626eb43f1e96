package io.opsbot.core.standup;

import io.opsbot.core.conversation.FormHandler;
import io.opsbot.core.conversation.FormSubmission;
import io.opsbot.core.conversation.SubmissionResult;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.dialog.Dialog;
import io.opsbot.core.dialog.DialogService;
import io.opsbot.core.form.Choice;
import io.opsbot.core.form.Form;
import io.opsbot.core.form.FormState;
import io.opsbot.core.form.FormValues;
import io.opsbot.core.form.Input;
import io.opsbot.core.message.Texts;
import io.opsbot.core.tenant.UserRef;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** All of a standup's questions in one form: to answer at once, or to edit answers until the window closes. */
@Component
public class StandupAnswerForm implements FormHandler {

    static final String FORM_ID = "standup.answer";

    private final StandupService service;
    private final DialogService dialogs;

    public StandupAnswerForm(StandupService service, DialogService dialogs) {
        this.service = service;
        this.dialogs = dialogs;
    }

    @Override
    public String formId() {
        return FORM_ID;
    }

    /** The form for one person on one standup day, filled with what they answered so far. */
    Form form(StandupRun run, UserRef user) {
        Attendance a = service.attendance(run.getId(), user)
                .orElseThrow(() -> new UserError("You are not part of " + run.getStandupName() + " today."));
        Standup standup = service.find(run.getStandupId()).orElseThrow(() -> new UserError("That standup was deleted."));
        Form form = definition(standup, run);
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < a.getAnswers().size(); i++) {
            values.put("q" + i, a.getAnswers().get(i));
        }
        return form.withValues(values).withState(FormState.encode(Map.of("run", run.getId())));
    }

    private static Form definition(Standup standup, StandupRun run) {
        Form.Builder form = Form.builder(FORM_ID, Texts.cut(standup.getName(), 24)).submit("Post");
        List<Question> questions = standup.getQuestions();
        for (int i = 0; i < questions.size(); i++) {
            form.input(input("q" + i, questions.get(i), questions));
        }
        return form.build();
    }

    /**
     * The input for one question. A form is one shot, so a conditional question is always shown, with the condition
     * in its hint; it is checked on submission (and its answer dropped when the condition does not hold).
     */
    private static Input.Builder<?> input(String id, Question q, List<Question> questions) {
        Input.Builder<?> input = switch (q.kind()) {
            case MOOD -> Input.select(id, List.of(new Choice("1", "1 😫"), new Choice("2", "2 🙁"),
                    new Choice("3", "3 😐"), new Choice("4", "4 🙂"), new Choice("5", "5 😄")));
            case SCALE -> Input.select(id, choices(q)).expanded();
            case YES_NO -> Input.select(id, List.of(new Choice("yes", "Yes"), new Choice("no", "No"))).expanded();
            case CHOICE -> Input.select(id, choices(q));
            case MULTI -> Input.multiSelect(id, choices(q));
            case NUMBER -> Input.number(id).decimal();
            case TEXT, BLOCKERS -> Input.text(id).multiline().max(3000);
        };
        input.label(q.text());
        if (q.condition() != null) {
            Question source = questions.get(q.condition().question());
            input.hint("Only if " + source.text() + " = " + source.display(q.condition().answer())
                    + "; otherwise leave it empty.");
        } else if (q.isRequired()) {
            input.required();
        } else {
            input.hint("Optional.");
        }
        return input;
    }

    private static List<Choice> choices(Question q) {
        return q.options().stream().map(o -> new Choice(o, o)).toList();
    }

    /**
     * Each submitted value read into its stored form; a conditional question whose condition does not hold is
     * stored empty whatever was typed, and a required one that applies must be answered.
     */
    static Map<String, String> read(List<Question> questions, FormValues values, List<String> answers) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (int i = 0; i < questions.size(); i++) {
            Question q = questions.get(i);
            if (!q.applies(answers)) {
                // Whatever was typed there does not count, so it cannot be wrong either.
                answers.add("");
                continue;
            }
            String answer;
            try {
                answer = q.read(values.text("q" + i).orElse(""));
            } catch (Question.Rejected e) {
                errors.put("q" + i, e.getMessage());
                answer = "";
            }
            if (answer.isEmpty() && q.isRequired() && !errors.containsKey("q" + i)) {
                errors.put("q" + i, q.condition() == null ? "Please answer this question."
                        : "Please answer this: " + questions.get(q.condition().question()).text() + " is "
                          + q.condition().answer() + ".");
            }
            answers.add(answer);
        }
        return errors;
    }

    @Override
    public Form form(FormSubmission submission) {
        StandupRun run = run(submission);
        Standup standup = service.find(run.getStandupId()).orElseThrow(() -> new UserError("That standup was deleted."));
        return definition(standup, run);
    }

    @Override
    public SubmissionResult submit(FormSubmission submission, FormValues values) {
        StandupRun run = run(submission);
        Standup standup = service.find(run.getStandupId()).orElseThrow(() -> new UserError("That standup was deleted."));
        List<String> answers = new ArrayList<>();
        Map<String, String> errors = read(standup.getQuestions(), values, answers);
        if (!errors.isEmpty()) {
            return new SubmissionResult.Rejected(errors);
        }
        if (answers.stream().allMatch(String::isBlank)) {
            return SubmissionResult.rejected("q0", "Answer at least one question.");
        }
        UserRef me = service.asIn(run, submission.invoker().user()).orElseThrow();
        Attendance saved = service.submit(
                service.attendance(run.getId(), me)
                        .orElseThrow(() -> new UserError("You are not part of " + run.getStandupName() + " today."))
                        .getId(), answers);
        dialogs.close(saved.dialogKey(), Dialog.State.DONE);
        return SubmissionResult.accepted(StandupCards.thanks(saved, standup));
    }

    private StandupRun run(FormSubmission submission) {
        String runId = FormState.decode(submission.state()).get("run");
        return service.run(runId == null ? "" : runId)
                .filter(r -> service.asIn(r, submission.invoker().user()).isPresent())
                .orElseThrow(() -> new UserError("That standup day is no longer open."));
    }
}
