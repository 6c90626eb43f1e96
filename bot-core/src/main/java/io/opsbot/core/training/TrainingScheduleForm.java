package io.opsbot.core.training;

import io.opsbot.core.conversation.FormHandler;
import io.opsbot.core.conversation.FormSubmission;
import io.opsbot.core.conversation.InputError;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.SubmissionResult;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.form.Form;
import io.opsbot.core.form.FormState;
import io.opsbot.core.form.FormValues;
import io.opsbot.core.form.Input;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import io.opsbot.core.people.ProfileService;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /training schedule}: title, description, date and time in a zone, who is invited, a link. The same form,
 * filled and without the invitees, edits a training ({@code training edit TR-3}, Edit on the organizer's card).
 */
@Component
public class TrainingScheduleForm implements FormHandler {

    static final String FORM_ID = "training.schedule";
    static final String EDIT = "edit";
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private final TrainingSessionService sessions;
    private final Audiences audiences;
    private final ProfileService profiles;
    private final Clock clock;

    public TrainingScheduleForm(TrainingSessionService sessions, Audiences audiences, ProfileService profiles,
                                Clock clock) {
        this.sessions = sessions;
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
        return Form.builder(FORM_ID, "Schedule a training").submit("Send invitations")
                .input(Input.text("title").label("Title").required().max(100)
                        .placeholder("e.g. New CRM walkthrough"))
                .input(Input.text("description").label("Description").multiline().max(1000))
                .input(Input.date("date").label("Date").required())
                .input(Input.time("time").label("Time").required())
                .input(Input.text("zone").label("Time zone").required().max(60)
                        .hint("Everyone sees the time in their own zone.").initial(zone.getId())
                        .placeholder("e.g. Europe/Berlin"))
                .input(Input.people("people").label("Invite people").multiple())
                .input(Input.channel("channel").label("…or everyone in a channel"))
                .input(Input.text("link").label("Link").max(500).hint("Meeting link or material.")
                        .placeholder("https://"))
                .build();
    }

    /** The form filled with a training to change; its invitees stay as they are. */
    Form openEdit(TrainingSession session) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("title", session.getTitle());
        if (session.getDescription() != null) {
            values.put("description", session.getDescription());
        }
        values.put("date", session.getStartsAt().atZone(session.zone()).toLocalDate().toString());
        values.put("time", HH_MM.format(session.getStartsAt().atZone(session.zone())));
        values.put("zone", session.zone().getId());
        if (session.getLink() != null) {
            values.put("link", session.getLink());
        }
        return Form.builder(FORM_ID, "Edit " + session.reference()).submit("Save and tell invitees")
                .input(Input.text("title").label("Title").required().max(100))
                .input(Input.text("description").label("Description").multiline().max(1000))
                .input(Input.date("date").label("Date").required())
                .input(Input.time("time").label("Time").required())
                .input(Input.text("zone").label("Time zone").required().max(60))
                .input(Input.text("link").label("Link").max(500).placeholder("https://"))
                .build().withValues(values).withState(FormState.encode(Map.of(EDIT, session.getId())));
    }

    @Override
    public Form form(FormSubmission submission) {
        String edit = FormState.decode(submission.state()).get(EDIT);
        return edit == null ? open(submission.invoker()) : sessions.find(edit).map(this::openEdit)
                .orElseThrow(() -> new UserError("That training no longer exists."));
    }

    @Override
    public SubmissionResult submit(FormSubmission submission, FormValues values) {
        String edit = FormState.decode(submission.state()).get(EDIT);
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
        Invoker organizer = submission.invoker();
        if (edit != null) {
            return saveEdit(organizer, edit, values, startsAt, zone, link);
        }
        Audiences.Resolved audience = audiences.resolve(organizer.tenant(), organizer.user(),
                values.list("people"), values.text("channel"));
        if (audience.rejection() != null) {
            return audience.rejection();
        }
        TrainingSession session;
        try {
            session = sessions.schedule(organizer, new SessionDraft(values.text("title").orElseThrow(),
                    values.text("description").orElse(null), link, startsAt, zone, audience.audience()));
        } catch (InputError e) {
            return SubmissionResult.rejected(e.field(), e.getMessage());
        }
        return SubmissionResult.accepted(Message.of(Markup.builder().text("✅ Scheduled ")
                .bold(session.reference().toString())
                .text(" " + session.getTitle() + " for " + TrainingCards.when(startsAt, zone) + ". Invitations are "
                        + "going to " + session.getAudience().size() + (session.getAudience().size() == 1
                        ? " person" : " people") + "; I'll keep the list of answers up to date in our direct "
                        + "messages.").build()));
    }

    private SubmissionResult saveEdit(Invoker by, String id, FormValues values, java.time.Instant startsAt,
                                      ZoneId zone, String link) {
        TrainingSession session = sessions.find(id).filter(s -> s.getTenant().equals(by.tenant()))
                .orElseThrow(() -> new UserError("That training no longer exists."));
        TrainingSession edited;
        try {
            edited = sessions.edit(by.actor(), session, new SessionDraft(values.text("title").orElseThrow(),
                    values.text("description").orElse(null), link, startsAt, zone, session.getAudience()));
        } catch (InputError e) {
            return SubmissionResult.rejected(e.field(), e.getMessage());
        }
        return SubmissionResult.accepted(Message.of(Markup.builder().text("✅ Changed ")
                .bold(edited.reference().toString()).text(" " + edited.getTitle() + ": now "
                        + TrainingCards.when(edited.getStartsAt(), zone) + ". The " + edited.getAudience().size()
                        + " invited are told, with an updated calendar file; reminders moved with it.").build()));
    }
}
