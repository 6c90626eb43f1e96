package io.opsbot.core.training;

import io.opsbot.core.conversation.FormHandler;
import io.opsbot.core.conversation.FormSubmission;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.SubmissionResult;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.form.Form;
import io.opsbot.core.form.FormValues;
import io.opsbot.core.form.Input;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import io.opsbot.core.people.ProfileService;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/** {@code /training schedule}: title, description, date and time in a zone, who is invited, a link. */
@Component
public class TrainingScheduleForm implements FormHandler {

    static final String FORM_ID = "training.schedule";

    private final TrainingService training;
    private final Audiences audiences;
    private final ProfileService profiles;
    private final Clock clock;

    public TrainingScheduleForm(TrainingService training, Audiences audiences, ProfileService profiles,
                                Clock clock) {
        this.training = training;
        this.audiences = audiences;
        this.profiles = profiles;
        this.clock = clock;
    }

    @Override
    public String formId() {
        return FORM_ID;
    }

    Form open(Invoker organizer) {
        ZoneId zone = profiles.zone(organizer.user(), organizer.zone() != null ? organizer.zone() : ZoneId.of("UTC"));
        return new Form(FORM_ID, "Schedule a training", "Send invitations", List.of(
                new Input.Text("title", "Title", true, null, null, false, 100, "e.g. New CRM walkthrough"),
                new Input.Text("description", "Description", false, null, null, true, 1000, null),
                new Input.Date("date", "Date", true, null, null),
                new Input.Time("time", "Time", true, null, null),
                new Input.Text("zone", "Time zone", true, "Everyone sees the time in their own zone.", zone.getId(),
                        false, 60, "e.g. Europe/Berlin"),
                new Input.People("people", "Invite people", false, null, null, true),
                new Input.Channel("channel", "…or everyone in a channel", false, null, null),
                new Input.Text("link", "Link", false, "Meeting link or material.", null, false, 500, "https://")));
    }

    @Override
    public Form form(FormSubmission submission) {
        return open(submission.invoker());
    }

    @Override
    public SubmissionResult submit(FormSubmission submission, FormValues values) {
        ZoneId zone;
        try {
            zone = ProfileService.parseZone(values.text("zone").orElse(""));
        } catch (UserError e) {
            return SubmissionResult.rejected("zone", e.getMessage());
        }
        var startsAt = ZonedDateTime.of(values.date("date").orElseThrow(), values.time("time").orElseThrow(), zone)
                .toInstant();
        if (!startsAt.isAfter(clock.instant())) {
            return new SubmissionResult.Rejected(Map.of("date", "That time has already passed.",
                    "time", "Pick a time in the future."));
        }
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
        TrainingSession session = training.schedule(organizer, new TrainingService.SessionDraft(
                values.text("title").orElseThrow(), values.text("description").orElse(null), link, startsAt, zone,
                audience.audience()));
        return SubmissionResult.accepted(Message.of(Markup.builder().text("✅ Scheduled ").bold(session.reference())
                .text(" " + session.getTitle() + " for " + TrainingCards.when(startsAt, zone) + ". Invitations are "
                        + "going to " + session.getAudience().size() + (session.getAudience().size() == 1
                        ? " person" : " people") + "; I'll keep the list of answers up to date in our direct "
                        + "messages.").build()));
    }
}
