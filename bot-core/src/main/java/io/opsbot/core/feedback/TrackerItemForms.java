package io.opsbot.core.feedback;

import io.opsbot.core.access.Permission;
import io.opsbot.core.access.Role;
import io.opsbot.core.conversation.FormHandler;
import io.opsbot.core.conversation.FormSubmission;
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
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/**
 * The triage card's "Create Jira issue", "Create Trello card" and "Link existing" forms. Projects with their issue
 * types, and boards with their lists, come from the connected site at the moment the form opens.
 */
@Component
public class TrackerItemForms {

    static final String CREATE_FORM = "feedback.tracker-create";
    static final String LINK_FORM = "feedback.tracker-link";
    static final String LINK = "link feedback to Jira or Trello";
    static final Permission TRIAGERS = Permission.of(Role.TRIAGER, LINK);
    /** A select shows at most 100 choices on Slack. */
    private static final int CHOICES = 100;
    private static final String ITEM = "item";
    private static final String KIND = "kind";

    private final FeedbackService feedback;
    private final TrackerConnections connections;
    private final TrackerLinks links;
    private final JiraClient jira;
    private final TrelloClient trello;

    public TrackerItemForms(FeedbackService feedback, TrackerConnections connections, TrackerLinks links,
                            JiraClient jira, TrelloClient trello) {
        this.feedback = feedback;
        this.connections = connections;
        this.links = links;
        this.jira = jira;
        this.trello = trello;
    }

    /** The create form, its choices read from the tenant's Jira site or Trello boards now. */
    Form create(TenantRef tenant, String itemId, TrackerKind kind) {
        FeedbackItem item = feedback.get(tenant, itemId);
        TrackerConnection connection = connections.require(tenant, kind);
        List<Choice> targets;
        try {
            targets = kind == TrackerKind.JIRA
                    ? jira.issueTypes(connections.jira(connection)).stream().limit(CHOICES)
                    .map(t -> new Choice(t.projectId() + ":" + t.typeId(), Texts.shorten(t.projectKey() + " · "
                            + t.typeName() + " (" + t.projectName() + ")", 75))).toList()
                    : trello.lists(connections.trello(connection)).stream().limit(CHOICES)
                    .map(l -> new Choice(l.listId(), Texts.shorten(l.boardName() + " · " + l.listName(), 75)))
                    .toList();
        } catch (TrackerException e) {
            throw new UserError(kind.label() + " said: " + e.getMessage()
                    + (e.retryable() ? " Please try again in a moment." : ""));
        }
        if (targets.isEmpty()) {
            throw new UserError(kind == TrackerKind.JIRA ? "The Jira account sees no project to create issues in."
                    : "The Trello account sees no board with a list.");
        }
        return Form.builder(CREATE_FORM, "New " + kind.thing() + " for " + item.reference())
                .submit("Create")
                .input(Input.select("target", targets).label(kind == TrackerKind.JIRA ? "Project and issue type"
                        : "Board and list").required())
                .input(Input.text("title").label(kind == TrackerKind.JIRA ? "Summary" : "Card name").required()
                        .max(250).initial(item.getSummary()))
                .build()
                .withState(FormState.encode(Map.of(ITEM, itemId, KIND, kind.name())));
    }

    Form link(TenantRef tenant, String itemId) {
        FeedbackItem item = feedback.get(tenant, itemId);
        return Form.builder(LINK_FORM, "Link " + item.reference()).submit("Link")
                .input(Input.text("key").label("Jira issue or Trello card").required().max(300)
                        .hint("A Jira issue key (PROJ-12) or a Trello card link.")
                        .placeholder("PROJ-12"))
                .build()
                .withState(FormState.encode(Map.of(ITEM, itemId)));
    }

    public FormHandler createHandler() {
        // Checked against the form's shape only; its choices were the site's when it was opened.
        Form shape = Form.builder(CREATE_FORM, "Create")
                .input(Input.text("target").label("Target").required().max(200))
                .input(Input.text("title").label("Title").required().max(250)).build();
        return new TrackerFormHandler(CREATE_FORM, TRIAGERS, submission -> shape.withState(submission.state()),
                this::created);
    }

    private Message created(FormSubmission submission, FormValues values) {
        Map<String, String> state = FormState.decode(submission.state());
        TrackerKind kind = TrackerKind.valueOf(state.getOrDefault(KIND, "JIRA"));
        TrackerLinks.Outcome outcome = links.create(submission.invoker(), state.get(ITEM), kind,
                values.text("target").orElse(""), values.text("title").orElse(""));
        if (outcome.linked() == null) {
            FeedbackItem item = feedback.get(submission.invoker().tenant(), state.get(ITEM));
            return Message.of(Markup.builder().text("⏳ " + kind.label() + " " + outcome.reason() + " right now. ")
                    .bold(item.reference().toString()).text(" is saved; I'll create the " + kind.thing() + " in "
                            + inWords(outcome.retryIn()) + " and tell you here.").build());
        }
        return linked(outcome.linked());
    }

    public FormHandler linkHandler() {
        Form shape = Form.builder(LINK_FORM, "Link").input(Input.text("key").label("Key").required().max(300))
                .build();
        return new TrackerFormHandler(LINK_FORM, TRIAGERS, submission -> shape, (submission, values) ->
                linked(links.linkExisting(submission.invoker(), FormState.decode(submission.state()).get(ITEM),
                        values.text("key").orElse(""))));
    }

    private static Message linked(FeedbackItem item) {
        TrackerLink link = item.getTrackerLink();
        return Message.of(Markup.builder().text("🔗 ").bold(item.reference().toString()).text(" is tracked in ")
                .link(link.url(), link.label()).text(". Its status follows the " + link.kind().thing() + ".")
                .build());
    }

    static String inWords(java.time.Duration wait) {
        long seconds = Math.max(1, wait.toSeconds());
        return seconds < 120 ? seconds + " seconds" : (seconds + 59) / 60 + " minutes";
    }
}
