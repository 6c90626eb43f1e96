package io.opsbot.core.feedback;

import io.opsbot.core.conversation.FormHandler;
import io.opsbot.core.conversation.FormSubmission;
import io.opsbot.core.conversation.InputError;
import io.opsbot.core.conversation.SubmissionResult;
import io.opsbot.core.form.Choice;
import io.opsbot.core.form.Form;
import io.opsbot.core.form.FormState;
import io.opsbot.core.form.FormValues;
import io.opsbot.core.form.Input;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.message.Texts;
import io.opsbot.core.settings.TenantSettingsService;
import io.opsbot.core.tenant.TenantRef;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The feedback form (Slack modal, Teams card) and what happens when it is submitted. */
@Component
public class FeedbackForm implements FormHandler {

    static final String FORM_ID = "feedback.new";
    static final int DETAILS_LIMIT = 3000;
    static final String SOURCE = "source";
    static final String CHANNEL = "channel";
    static final String THREAD = "thread";

    private final FeedbackService feedback;
    private final TenantSettingsService settings;

    public FeedbackForm(FeedbackService feedback, TenantSettingsService settings) {
        this.feedback = feedback;
        this.settings = settings;
    }

    @Override
    public String formId() {
        return FORM_ID;
    }

    /** An empty form for this tenant (its areas in the area list). */
    public Form blank(TenantRef tenant) {
        List<Choice> types = Arrays.stream(FeedbackType.values()).map(t -> new Choice(t.name(), t.label())).toList();
        List<Choice> areas = settings.feedbackAreas(tenant).stream().map(a -> new Choice(a, "#" + a)).toList();
        return Form.builder(FORM_ID, "Share feedback").submit("Save")
                .input(Input.text("summary").label("Summary").required().max(FeedbackDraft.SUMMARY_LIMIT)
                        .hint("One line: what did you hear or notice?")
                        .placeholder("e.g. Export to CSV times out for large reports"))
                .input(Input.text("details").label("Details").multiline().max(DETAILS_LIMIT)
                        .hint("Steps, quotes, context."))
                .input(Input.select("type", types).label("Type"))
                .input(Input.select("area", areas).label("Product area"))
                .input(Input.text("customer").label("Customer or account").max(200))
                .input(Input.number("impact").label("Impact (1-5)").between(1, 5)
                        .hint("1 = minor, 5 = blocks the customer"))
                .input(Input.text("link").label("Link").max(500).hint("A ticket, a call recording, a document.")
                        .placeholder("https://"))
                .build();
    }

    /** The form filled from an existing message ("Save as feedback"). */
    public Form fromMessage(TenantRef tenant, String text, String authorName, String link,
                            Destination.Channel thread) {
        String clean = text == null ? "" : text.strip();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("summary", Texts.shorten(clean.lines().findFirst().orElse(""),
                FeedbackDraft.SUMMARY_LIMIT));
        String details = authorName == null ? clean : authorName + " wrote:\n" + clean;
        values.put("details", Texts.shorten(details, DETAILS_LIMIT));
        if (link != null) {
            values.put("link", link);
        }
        Map<String, String> state = new LinkedHashMap<>();
        state.put(SOURCE, FeedbackSource.MESSAGE.name());
        if (thread != null && thread.tenant().equals(tenant) && thread.threadId() != null) {
            state.put(CHANNEL, thread.channelId());
            state.put(THREAD, thread.threadId());
        }
        return blank(tenant).withValues(values).withState(FormState.encode(state));
    }

    @Override
    public Form form(FormSubmission submission) {
        return blank(submission.invoker().tenant());
    }

    @Override
    public SubmissionResult submit(FormSubmission submission, FormValues values) {
        String link = values.text("link").orElse(null);
        if (link != null && !FeedbackService.isWebLink(link)) {
            return SubmissionResult.rejected("link", "Enter a web address starting with https://");
        }
        FeedbackDraft draft = new FeedbackDraft(values.text("summary").orElse(""), values.text("details").orElse(null),
                values.text("type").flatMap(FeedbackType::parse).orElse(null), values.text("area").orElse(null),
                values.text("customer").orElse(null), values.integer("impact").orElse(null), link);
        Map<String, String> state = FormState.decode(submission.state());
        FeedbackSource source = FeedbackSource.MESSAGE.name().equals(state.get(SOURCE))
                ? FeedbackSource.MESSAGE : FeedbackSource.FORM;
        // The thread comes back in the form's state, which a person could alter: only a thread in their own tenant.
        Destination.Channel thread = source == FeedbackSource.MESSAGE && state.get(CHANNEL) != null
                && state.get(THREAD) != null ? new Destination.Channel(submission.invoker().tenant(),
                state.get(CHANNEL), state.get(THREAD)) : null;
        try {
            FeedbackItem item = feedback.capture(submission.invoker(), draft, source, thread);
            boolean hasTriage = settings.triageChannel(item.getTenant()).isPresent();
            return SubmissionResult.accepted(FeedbackCards.captured(item, hasTriage, true));
        } catch (InputError e) {
            return SubmissionResult.rejected(e.field(), e.getMessage());
        }
    }
}
