package io.opsbot.core.okr;

import io.opsbot.core.conversation.FormHandler;
import io.opsbot.core.conversation.FormSubmission;
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

/** Admins create and edit key results with this form. */
@Component
public class KeyResultForm implements FormHandler {

    static final String FORM_ID = "okr.keyresult";
    static final String EDITING = "id";

    private final OkrService okrs;

    public KeyResultForm(OkrService okrs) {
        this.okrs = okrs;
    }

    @Override
    public String formId() {
        return FORM_ID;
    }

    /** A new key result, under {@code objective} when given. */
    public Form blank(TenantRef tenant, Objective objective) {
        Form form = build(tenant, null);
        return objective == null ? form : form.withValues(Map.of("objective", objective.getId()));
    }

    public Form forEdit(KeyResult kr) {
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
        return build(kr.getTenant(), kr).withValues(values);
    }

    private Form build(TenantRef tenant, KeyResult editing) {
        List<Choice> objectives = okrs.openObjectives(tenant).stream()
                .map(o -> new Choice(o.getId(), Texts.shorten(o.reference() + " " + o.getTitle(), 75))).toList();
        if (objectives.isEmpty()) {
            throw new UserError("There is no objective to add key results to yet. Create one first with "
                    + tenant.platform().command("okr") + " objective.");
        }
        List<Choice> metrics = Arrays.stream(MetricType.values()).map(m -> new Choice(m.name(), m.label())).toList();
        List<Input> inputs = new ArrayList<>();
        inputs.add(new Input.Select("objective", "Objective", true, null, null, objectives));
        inputs.add(new Input.Text("title", "Key result", true, "Measurable, e.g. Cut monthly churn from 5% to 3%.",
                null, false, OkrService.TITLE_LIMIT, null));
        inputs.add(new Input.People("owner", "Owner", true, "Asked to check in every week.", null, false));
        inputs.add(new Input.Select("metric", "Measured as", true, null, MetricType.NUMBER.name(), metrics));
        inputs.add(new Input.Number("start", "Start value", false, "0 if empty. Not needed for done / not done.",
                null, null, null, true));
        inputs.add(new Input.Number("target", "Target value", false, "Lower than the start for a decrease. Not "
                + "needed for done / not done.", null, null, null, true));
        if (editing == null) {
            inputs.add(new Input.Number("current", "Current value", false, "The start value if empty.", null, null,
                    null, true));
        }
        inputs.add(new Input.Text("unit", "Unit", false, "e.g. USD, €, signups (percentages need none).", null,
                false, OkrService.UNIT_LIMIT, null));
        inputs.add(new Input.Date("due", "Due date", false, "The end of the cycle if empty.", null));
        String state = editing == null ? "" : FormState.encode(Map.of(EDITING, editing.getId()));
        return new Form(FORM_ID, editing == null ? "New key result" : "Edit " + editing.reference(),
                editing == null ? "Create" : "Save", List.of(), inputs, state, Map.of());
    }

    @Override
    public Form form(FormSubmission submission) {
        String id = FormState.decode(submission.state()).get(EDITING);
        TenantRef tenant = submission.invoker().tenant();
        if (id == null) {
            return build(tenant, null);
        }
        return build(tenant, okrs.keyResult(tenant, id)
                .orElseThrow(() -> new UserError("That key result no longer exists.")));
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
            UserRef actor = submission.invoker().user();
            KeyResult saved = id == null ? okrs.createKeyResult(actor, draft)
                    : okrs.updateKeyResult(actor, id, draft);
            return SubmissionResult.accepted(Message.of(Markup.builder()
                    .text(id == null ? "📏 Created " : "📏 Saved ").bold(saved.reference())
                    .text(" " + saved.getTitle() + ": " + MetricValues.format(saved, saved.getStart()) + " → "
                            + MetricValues.format(saved, saved.getTarget())
                            + (saved.getDue() == null ? "" : " by " + saved.getDue()) + ". ")
                    .code(Progress.bar(Progress.of(saved))).newline()
                    .text("Its owner is asked to check in every week.").build()));
        } catch (OkrInputError e) {
            return SubmissionResult.rejected(e.field(), e.getMessage());
        }
    }
}
