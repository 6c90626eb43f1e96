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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Admins create and edit objectives with this form. */
@Component
public class ObjectiveForm implements FormHandler {

    static final String FORM_ID = "okr.objective";
    static final String EDITING = "id";

    private final OkrService okrs;

    public ObjectiveForm(OkrService okrs) {
        this.okrs = okrs;
    }

    @Override
    public String formId() {
        return FORM_ID;
    }

    public Form blank(TenantRef tenant) {
        return build(tenant, null);
    }

    public Form forEdit(Objective objective) {
        Map<String, String> values = new HashMap<>();
        values.put("title", objective.getTitle());
        values.put("owner", objective.getOwner().userId());
        values.put("team", objective.getTeam());
        values.put("cycle", objective.getCycleId());
        values.put("parent", objective.getParentId());
        values.values().removeIf(v -> v == null);
        return build(objective.getTenant(), objective).withValues(values);
    }

    private Form build(TenantRef tenant, Objective editing) {
        OkrCycle current = okrs.currentOrNewCycle(tenant);
        List<Choice> cycles = okrs.openCycles(tenant).stream()
                .map(c -> new Choice(c.getId(), c.getName() + " (" + c.getStart() + " to " + c.getEnd() + ")"))
                .toList();
        List<Choice> parents = okrs.openObjectives(tenant).stream()
                .filter(o -> editing == null || !o.getId().equals(editing.getId()))
                .map(o -> new Choice(o.getId(), Texts.shorten(o.reference() + " " + o.getTitle(), 75))).toList();
        List<Input> inputs = new ArrayList<>();
        inputs.add(new Input.Text("title", "Objective", true, "Qualitative and inspiring, e.g. Delight new customers.",
                null, false, OkrService.TITLE_LIMIT, null));
        inputs.add(new Input.People("owner", "Owner", true, null, null, false));
        inputs.add(new Input.Text("team", "Team", false, "Groups objectives in reports, e.g. growth.", null, false,
                OkrService.TEAM_LIMIT, null));
        inputs.add(new Input.Select("cycle", "Cycle", true, null, current.getId(), cycles));
        if (!parents.isEmpty()) {
            inputs.add(new Input.Select("parent", "Aligned with", false, "A company or parent objective.", null,
                    parents));
        }
        String state = editing == null ? "" : FormState.encode(Map.of(EDITING, editing.getId()));
        return new Form(FORM_ID, editing == null ? "New objective" : "Edit " + editing.reference(),
                editing == null ? "Create" : "Save", List.of(), inputs, state, Map.of());
    }

    @Override
    public Form form(FormSubmission submission) {
        String id = FormState.decode(submission.state()).get(EDITING);
        TenantRef tenant = submission.invoker().tenant();
        if (id == null) {
            return blank(tenant);
        }
        return build(tenant, okrs.objective(tenant, id)
                .orElseThrow(() -> new UserError("That objective no longer exists.")));
    }

    @Override
    public SubmissionResult submit(FormSubmission submission, FormValues values) {
        TenantRef tenant = submission.invoker().tenant();
        UserRef owner = values.text("owner").map(id -> new UserRef(tenant, id)).orElse(null);
        ObjectiveDraft draft = new ObjectiveDraft(values.text("cycle").orElse(null), values.text("title").orElse(""),
                owner, values.text("team").orElse(null), values.text("parent").orElse(null));
        String id = FormState.decode(submission.state()).get(EDITING);
        try {
            UserRef actor = submission.invoker().user();
            Objective saved = id == null ? okrs.createObjective(actor, draft) : okrs.updateObjective(actor, id, draft);
            String cycle = okrs.cycle(saved.getCycleId()).map(OkrCycle::getName).orElse("");
            String command = tenant.platform().command("okr");
            return SubmissionResult.accepted(Message.of(Markup.builder()
                    .text(id == null ? "🎯 Created " : "🎯 Saved ").bold(saved.reference()).text(" " + saved.getTitle()
                            + " (" + cycle + ").").newline()
                    .text(id == null ? "Add its key results with " : "Its key results: ")
                    .code(id == null ? command + " kr " + saved.reference() : command + " report").text(".")
                    .build()));
        } catch (OkrInputError e) {
            return SubmissionResult.rejected(e.field(), e.getMessage());
        }
    }
}
