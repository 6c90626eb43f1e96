package io.opsbot.core.okr;

import io.opsbot.core.access.Permission;
import io.opsbot.core.access.Role;
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

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Managers create objectives with this form; an objective's owner, its managers and admins edit it. The services
 * check who submits it against the objective, so a replayed or forwarded card changes nothing for anyone else.
 */
@Component
public class ObjectiveForm implements FormHandler {

    static final String FORM_ID = "okr.objective";
    static final String EDITING = "id";
    static final Permission PERMISSION = Permission.ownerOr(Role.MANAGER, "create or change objectives");

    private final ObjectiveService objectives;
    private final OkrCycleService cycles;

    public ObjectiveForm(ObjectiveService objectives, OkrCycleService cycles) {
        this.objectives = objectives;
        this.cycles = cycles;
    }

    @Override
    public String formId() {
        return FORM_ID;
    }

    @Override
    public Permission permission() {
        return PERMISSION;
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
        OkrCycle current = cycles.currentOrNewCycle(tenant);
        List<Choice> cycleChoices = cycles.openCycles(tenant).stream()
                .map(c -> new Choice(c.getId(), c.getName() + " (" + c.dates() + ")"))
                .toList();
        List<Choice> parents = objectives.openObjectives(tenant).stream()
                .filter(o -> editing == null || !o.getId().equals(editing.getId()))
                .map(o -> new Choice(o.getId(), Texts.shorten(o.reference() + " " + o.getTitle(), 75))).toList();
        Form.Builder form = Form.builder(FORM_ID, editing == null ? "New objective" : "Edit " + editing.reference())
                .submit(editing == null ? "Create" : "Save")
                .input(Input.text("title").label("Objective").required().max(ObjectiveDraft.TITLE_LIMIT)
                        .hint("Qualitative and inspiring, e.g. Delight new customers."))
                .input(Input.people("owner").label("Owner").required())
                .input(Input.text("team").label("Team").max(ObjectiveDraft.TEAM_LIMIT)
                        .hint("Groups objectives in reports, e.g. growth."))
                .input(Input.select("cycle", cycleChoices).label("Cycle").required().initial(current.getId()));
        if (!parents.isEmpty()) {
            form.input(Input.select("parent", parents).label("Aligned with")
                    .hint("A company or parent objective."));
        }
        return form.state(editing == null ? "" : FormState.encode(Map.of(EDITING, editing.getId()))).build();
    }

    @Override
    public Form form(FormSubmission submission) {
        String id = FormState.decode(submission.state()).get(EDITING);
        TenantRef tenant = submission.invoker().tenant();
        if (id == null) {
            return blank(tenant);
        }
        return build(tenant, objectives.objective(tenant, id)
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
            Actor actor = submission.invoker().actor();
            Objective saved = id == null ? objectives.create(actor, draft) : objectives.update(actor, id, draft);
            String cycle = cycles.cycle(saved.getCycleId()).map(OkrCycle::getName).orElse("");
            String command = tenant.platform().command("okr");
            return SubmissionResult.accepted(Message.of(Markup.builder()
                    .text(id == null ? "🎯 Created " : "🎯 Saved ").bold(saved.reference().toString())
                    .text(" " + saved.getTitle() + " (" + cycle + ").").newline()
                    .text(id == null ? "Add its key results with " : "Its key results: ")
                    .code(id == null ? command + " kr " + saved.reference() : command + " report").text(".")
                    .build()));
        } catch (InputError e) {
            return SubmissionResult.rejected(e.field(), e.getMessage());
        }
    }
}
