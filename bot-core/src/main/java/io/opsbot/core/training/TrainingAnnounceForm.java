package io.opsbot.core.training;

import io.opsbot.core.conversation.FormHandler;
import io.opsbot.core.conversation.FormSubmission;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.SubmissionResult;
import io.opsbot.core.form.Form;
import io.opsbot.core.form.FormValues;
import io.opsbot.core.form.Input;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/** {@code /training announce}: a new process or tool that people must acknowledge. */
@Component
public class TrainingAnnounceForm implements FormHandler {

    static final String FORM_ID = "training.announce";

    private final TrainingService training;
    private final Audiences audiences;
    private final TrainingProperties properties;

    public TrainingAnnounceForm(TrainingService training, Audiences audiences, TrainingProperties properties) {
        this.training = training;
        this.audiences = audiences;
        this.properties = properties;
    }

    @Override
    public String formId() {
        return FORM_ID;
    }

    Form open() {
        return new Form(FORM_ID, "Announce a new process or tool", "Send", List.of(
                new Input.Text("title", "Title", true, null, null, false, 100, "e.g. New expense tool"),
                new Input.Text("text", "What changes", true, "People press Acknowledge once they have read it.",
                        null, true, 2000, null),
                new Input.Text("link", "Link", false, null, null, false, 500, "https://"),
                new Input.People("people", "Send to people", false, null, null, true),
                new Input.Channel("channel", "…or everyone in a channel", false, null, null),
                new Input.Number("remind_after", "Remind after (hours)", false,
                        "Those who haven't acknowledged get one reminder.",
                        String.valueOf(properties.getAckReminderAfter().toHours()), BigDecimal.ONE,
                        BigDecimal.valueOf(720), false)));
    }

    @Override
    public Form form(FormSubmission submission) {
        return open();
    }

    @Override
    public SubmissionResult submit(FormSubmission submission, FormValues values) {
        String link = values.text("link").orElse(null);
        if (link != null && !link.matches("https?://\\S+")) {
            return SubmissionResult.rejected("link", "Enter a web address starting with https://");
        }
        Invoker organizer = submission.invoker();
        Audiences.Resolved audience = audiences.resolve(organizer.tenant(), organizer.user(),
                values.list("people"), values.text("channel"));
        if (audience.rejection() != null) {
            return audience.rejection();
        }
        Duration after = values.integer("remind_after").map(h -> Duration.ofHours(h)).orElse(null);
        Announcement announcement = training.announce(organizer, new TrainingService.AnnouncementDraft(
                values.text("title").orElseThrow(), values.text("text").orElseThrow(), link, audience.audience(),
                after));
        return SubmissionResult.accepted(Message.of(Markup.builder().text("📣 Sent ")
                .bold(announcement.reference()).text(" " + announcement.getTitle() + " to "
                        + announcement.getAudience().size() + (announcement.getAudience().size() == 1 ? " person"
                        : " people") + ". I'll keep the list of who acknowledged up to date in our direct messages.")
                .build()));
    }
}
