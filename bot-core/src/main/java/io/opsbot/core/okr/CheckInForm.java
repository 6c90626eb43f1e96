package io.opsbot.core.okr;

import io.opsbot.core.conversation.FormHandler;
import io.opsbot.core.conversation.FormSubmission;
import io.opsbot.core.conversation.InputError;
import io.opsbot.core.conversation.SubmissionResult;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.form.Choice;
import io.opsbot.core.form.Form;
import io.opsbot.core.form.FormState;
import io.opsbot.core.form.FormValues;
import io.opsbot.core.form.Input;
import io.opsbot.core.message.Block;
import io.opsbot.core.message.Markup;
import io.opsbot.core.tenant.UserRef;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The check-in form (Slack modal, Teams card), filled with the key result's current value and confidence. */
@Component
public class CheckInForm implements FormHandler {

    static final String FORM_ID = "okr.checkin";
    static final String KEY_RESULT = "kr";

    private final ObjectiveService objectives;
    private final CheckInService checkIns;

    public CheckInForm(ObjectiveService objectives, CheckInService checkIns) {
        this.objectives = objectives;
        this.checkIns = checkIns;
    }

    @Override
    public String formId() {
        return FORM_ID;
    }

    public Form forKeyResult(KeyResult kr) {
        Input.Builder<?> value;
        if (kr.getMetric() == MetricType.DONE) {
            value = Input.select("value", List.of(new Choice("1", "Done"), new Choice("0", "Not done")))
                    .label("Is it done?").required().initial(kr.finished() ? "1" : "0");
        } else {
            MetricValues.Range range = MetricValues.range(kr);
            value = Input.number("value").label("New value").required().decimal().min(range.min()).max(range.max())
                    .hint("Now " + MetricValues.format(kr, kr.getCurrent()) + ", target "
                            + MetricValues.format(kr, kr.getTarget()) + ".")
                    .initial(kr.getCurrent().toPlainString());
        }
        List<Choice> confidences = Arrays.stream(Confidence.values())
                .map(c -> new Choice(c.name(), c.emoji() + " " + c.label())).toList();
        Confidence last = kr.getConfidence() == null ? Confidence.ON_TRACK : kr.getConfidence();
        Objective objective = objectives.objective(kr.getTenant(), kr.getObjectiveId()).orElse(null);
        Markup.Builder intro = Markup.builder().bold(kr.getTitle());
        if (objective != null) {
            intro.newline().text("Objective: " + objective.reference() + " " + objective.getTitle());
        }
        intro.newline().code(Progress.bar(Progress.of(kr)));
        return Form.builder(FORM_ID, "Check in " + kr.reference()).submit("Check in")
                .intro(new Block.Section(intro.build()))
                .input(value)
                .input(Input.select("confidence", confidences).label("Confidence").required().initial(last.name()))
                .input(Input.text("comment").label("Comment").multiline().max(CheckInService.COMMENT_LIMIT)
                        .hint("What moved it, what is in the way."))
                .state(FormState.encode(Map.of(KEY_RESULT, kr.getId())))
                .build();
    }

    @Override
    public Form form(FormSubmission submission) {
        return forKeyResult(keyResult(submission.invoker().user(), submission.state()));
    }

    @Override
    public SubmissionResult submit(FormSubmission submission, FormValues values) {
        String id = FormState.decode(submission.state()).get(KEY_RESULT);
        KeyResult before = keyResult(submission.invoker().user(), submission.state());
        try {
            CheckIn checkIn = checkIns.record(submission.invoker().user(), submission.invoker().displayName(), id,
                    values.text("value").orElse(null),
                    values.text("confidence").map(Confidence::valueOf).orElse(null),
                    values.text("comment").orElse(null), CheckIn.Source.FORM);
            return SubmissionResult.accepted(OkrCards.checkedIn(before, checkIn, checkIns.alerted(before, checkIn)));
        } catch (InputError e) {
            return SubmissionResult.rejected(e.field(), e.getMessage());
        }
    }

    /** The invoker's key result, or their linked identity's (an owner asked on the other platform). */
    private KeyResult keyResult(UserRef invoker, String state) {
        return checkIns.visibleTo(invoker, FormState.decode(state).get(KEY_RESULT))
                .orElseThrow(() -> new UserError("That key result no longer exists."));
    }
}
