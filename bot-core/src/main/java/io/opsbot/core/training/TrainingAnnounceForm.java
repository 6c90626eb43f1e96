package io.opsbot.core.training;

import io.opsbot.core.conversation.FormHandler;
import io.opsbot.core.conversation.FormSubmission;
import io.opsbot.core.conversation.InputError;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.SubmissionResult;
import io.opsbot.core.form.Form;
import io.opsbot.core.form.FormValues;
import io.opsbot.core.form.Input;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import org.springframework.stereotype.Component;

import java.time.Duration;

/** {@code /training announce}: a new process or tool that people must acknowledge. */
@Component
public class TrainingAnnounceForm implements FormHandler {

    static final String FORM_ID = "training.announce";

    private final AnnouncementService announcements;
    private final Audiences audiences;
    private final TrainingProperties properties;

    public TrainingAnnounceForm(AnnouncementService announcements, Audiences audiences,
                                TrainingProperties properties) {
        this.announcements = announcements;
        this.audiences = audiences;
        this.properties = properties;
    }

    @Override
    public String formId() {
        return FORM_ID;
    }

    Form open() {
        return Form.builder(FORM_ID, "Announce a new process or tool").submit("Send")
                .input(Input.text("title").label("Title").required().max(100).placeholder("e.g. New expense tool"))
                .input(Input.text("text").label("What changes").required().multiline().max(2000)
                        .hint("People press Acknowledge once they have read it."))
                .input(Input.text("link").label("Link").max(500).placeholder("https://"))
                .input(Input.people("people").label("Send to people").multiple())
                .input(Input.channel("channel").label("…or everyone in a channel"))
                .input(Input.number("remind_after").label("Remind after (hours)").between(1, 720)
                        .hint("Those who haven't acknowledged get one reminder.")
                        .initial(String.valueOf(properties.ackReminderAfter().toHours())))
                .build();
    }

    /** The form filled with a prepared announcement (a launch); the organizer picks who gets it. */
    Form prefilled(String title, String text, String link) {
        java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
        values.put("title", title);
        values.put("text", text);
        if (link != null) {
            values.put("link", link);
        }
        return open().withValues(values);
    }

    @Override
    public Form form(FormSubmission submission) {
        return open();
    }

    @Override
    public SubmissionResult submit(FormSubmission submission, FormValues values) {
        String link = values.text("link").orElse(null);
        Invoker organizer = submission.invoker();
        Audiences.Resolved audience = audiences.resolve(organizer.tenant(), organizer.user(),
                values.list("people"), values.text("channel"));
        if (audience.rejection() != null) {
            return audience.rejection();
        }
        Duration after = values.integer("remind_after").map(h -> Duration.ofHours(h)).orElse(null);
        Announcement announcement;
        try {
            announcement = announcements.announce(organizer, new AnnouncementDraft(values.text("title").orElseThrow(),
                    values.text("text").orElseThrow(), link, audience.audience(), after));
        } catch (InputError e) {
            return SubmissionResult.rejected(e.field(), e.getMessage());
        }
        return SubmissionResult.accepted(Message.of(Markup.builder().text("📣 Sent ")
                .bold(announcement.reference().toString()).text(" " + announcement.getTitle() + " to "
                        + announcement.getAudience().size() + (announcement.getAudience().size() == 1 ? " person"
                        : " people") + ". I'll keep the list of who acknowledged up to date in our direct messages.")
                .build()));
    }
}
