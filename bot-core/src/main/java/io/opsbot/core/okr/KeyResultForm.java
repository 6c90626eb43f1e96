package io.opsbot.core.okr;

import io.opsbot.core.access.Permission;
import io.opsbot.core.audit.Actor;
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
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import io.opsbot.core.message.Texts;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Key results are created and edited with this form, by the owners and managers of their objective, their own owner
 * (edit), or admins; the service checks who submits it against the key result and its objective.
 */
@Component
public class KeyResultForm implements FormHandler {

    static final String FORM_ID = "okr.keyresult";
    static final String EDITING = "id";

    private final KeyResultService keyResults;
    private final ObjectiveService objectives;

    public KeyResultForm(KeyResultService keyResults, ObjectiveService objectives) {
        this.keyResults = keyResults;
        this.objectives = objectives;
    }

    @Override
    public String formId() {
        return FORM_ID;
    }

    @Override
    public Permission permission() {
        return ObjectiveForm.PERMISSION;
    }

    /** A new key result, under {@code objective} when given, else under one of those {@code user} may change. */
    public Form blank(UserRef user, Objective objective) {
        Form form = build(user.tenant(), null, objectives.managedBy(user));
        return objective == null ? form : form.withValues(Map.of("objective", objective.getId()));
    }

    /** The key result to edit; its objective can be exchanged for one {@code user} may change. */
    public Form forEdit(UserRef user, KeyResult kr) {
        Map<String, String> values = new HashMap<>();
        values.put("objective", kr.getObjectiveId());
        values.put("title", kr.getTitle());
        values.put("owner", kr.getOwner().userId());
        values.put("metric", kr.getMetric().name());
        values.put("start", kr.getStart().toPlainString());
        values.put("target", kr.getTarget().toPlainString());
        values.put("unit", kr.getUnit());
        values.put("due", kr.getDue() == null ? null : kr.getDue().toString());
        values.values().removeIf(v -> v == null);
        List<Objective> listed = objectives.managedBy(user).stream()
                .filter(o -> !o.getId().equals(kr.getObjectiveId())).collect(Collectors.toCollection(ArrayList::new));
        objectives.objective(kr.getTenant(), kr.getObjectiveId()).ifPresent(o -> listed.add(0, o));
        return build(kr.getTenant(), kr, listed).withValues(values);
    }

    /** The form with these objectives to choose from. */
    private Form build(TenantRef tenant, KeyResult editing, List<Objective> listed) {
        List<Choice> choices = listed.stream()
                .map(o -> new Choice(o.getId(), Texts.shorten(o.reference() + " " + o.getTitle(), 75))).toList();
        if (choices.isEmpty()) {
            throw new UserError(objectives.openObjectives(tenant).isEmpty()
                    ? "There is no objective to add key results to yet. Create one first with "
                      + tenant.platform().command("okr") + " objective."
                    : "There is no objective you can add key results to: that is for their owners, their "
                      + "managers and admins.");
        }
        List<Choice> metrics = Arrays.stream(MetricType.values()).map(m -> new Choice(m.name(), m.label())).toList();
        Form.Builder form = Form.builder(FORM_ID, editing == null ? "New key result" : "Edit " + editing.reference())
                .submit(editing == null ? "Create" : "Save")
                .input(Input.select("objective", choices).label("Objective").required())
                .input(Input.text("title").label("Key result").required().max(ObjectiveDraft.TITLE_LIMIT)
                        .hint("Measurable, e.g. Cut monthly churn from 5% to 3%."))
                .input(Input.people("owner").label("Owner").required().hint("Asked to check in every week."))
                .input(Input.select("metric", metrics).label("Measured as").required()
                        .initial(MetricType.NUMBER.name()))
                .input(Input.number("start").label("Start value").decimal()
                        .hint("0 if empty. Not needed for done / not done."))
                .input(Input.number("target").label("Target value").decimal()
                        .hint("Lower than the start for a decrease. Not needed for done / not done."));
        if (editing == null) {
            form.input(Input.number("current").label("Current value").decimal().hint("The start value if empty."));
        }
        return form.input(Input.text("unit").label("Unit").max(KeyResultDraft.UNIT_LIMIT)
                        .hint("e.g. USD, €, signups (percentages need none)."))
                .input(Input.date("due").label("Due date").hint("The end of the cycle if empty."))
                .state(editing == null ? "" : FormState.encode(Map.of(EDITING, editing.getId())))
                .build();
    }

    @Override
    public Form form(FormSubmission submission) {
        String id = FormState.decode(submission.state()).get(EDITING);
        TenantRef tenant = submission.invoker().tenant();
        // Any open objective is a valid answer; whether the person may use it is the service's to say.
        List<Objective> open = objectives.openObjectives(tenant);
        if (id == null) {
            return build(tenant, null, open);
        }
        return build(tenant, keyResults.keyResult(tenant, id)
                .orElseThrow(() -> new UserError("That key result no longer exists.")), open);
    }

    @Override
    public SubmissionResult submit(FormSubmission submission, FormValues values) {
        TenantRef tenant = submission.invoker().tenant();
        UserRef owner = values.text("owner").map(id -> new UserRef(tenant, id)).orElse(null);
        MetricType metric = values.text("metric").flatMap(MetricType::parse).orElse(null);
        KeyResultDraft draft = new KeyResultDraft(values.text("objective").orElse(null),
                values.text("title").orElse(""), owner, metric, values.number("start").orElse(null),
                values.number("target").orElse(null), values.number("current").orElse(null),
                values.text("unit").orElse(null), values.date("due").orElse(null));
        String id = FormState.decode(submission.state()).get(EDITING);
        try {
            Actor actor = submission.invoker().actor();
            KeyResult saved = id == null ? keyResults.create(actor, draft) : keyResults.update(actor, id, draft);
            return SubmissionResult.accepted(Message.of(Markup.builder()
                    .text(id == null ? "📏 Created " : "📏 Saved ").bold(saved.reference().toString())
                    .text(" " + saved.getTitle() + ": " + MetricValues.format(saved, saved.getStart()) + " → "
                            + MetricValues.format(saved, saved.getTarget())
                            + (saved.getDue() == null ? "" : " by " + saved.getDue()) + ". ")
                    .code(Progress.bar(Progress.of(saved))).newline()
                    .text("Its owner is asked to check in every week.").build()));
        } catch (InputError e) {
            return SubmissionResult.rejected(e.field(), e.getMessage());
        }
    }
}
