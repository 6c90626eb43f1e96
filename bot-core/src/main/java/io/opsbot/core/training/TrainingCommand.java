package io.opsbot.core.training;

import io.opsbot.core.conversation.Command;
import io.opsbot.core.conversation.CommandRequest;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.Usage;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.settings.TenantSettingsService;
import org.springframework.stereotype.Component;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code /training}: schedule trainings, announce changes to acknowledge, and see who answered. */
@Component
public class TrainingCommand implements Command {

    private static final Pattern REFERENCE = Pattern.compile("(?i)(TR|AN)-?(\\d{1,9})");

    private final TrainingService training;
    private final TrainingScheduleForm scheduleForm;
    private final TrainingAnnounceForm announceForm;
    private final TenantSettingsService settings;
    private final ProfileService profiles;

    public TrainingCommand(TrainingService training, TrainingScheduleForm scheduleForm,
                           TrainingAnnounceForm announceForm, TenantSettingsService settings,
                           ProfileService profiles) {
        this.training = training;
        this.scheduleForm = scheduleForm;
        this.announceForm = announceForm;
        this.settings = settings;
        this.profiles = profiles;
    }

    @Override
    public String name() {
        return "training";
    }

    @Override
    public String summary() {
        return "schedule trainings with reminders, announce changes people must acknowledge";
    }

    @Override
    public List<Usage> usages() {
        return List.of(new Usage("", "your upcoming trainings and what waits for your acknowledgement"),
                new Usage("schedule", "schedule a training: invitations with Attend / Decline, reminders"),
                new Usage("announce", "announce a new process or tool that people must acknowledge"),
                new Usage("list", "what you organized, with the answers so far"),
                new Usage("status TR-3 | status AN-2", "who is attending, or who has acknowledged"));
    }

    @Override
    public Response handle(CommandRequest request) {
        Invoker invoker = request.invoker();
        switch (request.subcommand()) {
            case "":
                return Response.privately(mine(invoker));
            case "schedule":
                return Response.form(scheduleForm.open(invoker));
            case "announce":
                return Response.form(announceForm.open());
            case "list":
                return Response.privately(organized(invoker));
            case "status":
                return status(invoker, request.rest());
            default:
                throw new UserError("I don't know \"" + request.subcommand() + "\". Try "
                        + invoker.platform().command("training") + " help.");
        }
    }

    private Message mine(Invoker invoker) {
        ZoneId fallback = invoker.zone() != null ? invoker.zone() : ZoneId.of("UTC");
        Markup.Builder text = Markup.builder().bold("Your trainings");
        List<TrainingSession> invited = training.invitations(invoker.user());
        if (invited.isEmpty()) {
            text.newline().italic("No upcoming trainings.");
        }
        for (TrainingSession session : invited) {
            TrainingSession.Answer answer = session.answerOf(invoker.user());
            text.newline().text("• " + session.reference() + " ").bold(session.getTitle()).text(" · "
                    + TrainingCards.when(session.getStartsAt(), profiles.zone(invoker.user(), fallback)) + " · "
                    + (answer == null ? "not answered (the invitation is in our direct messages)"
                    : answer == TrainingSession.Answer.ATTENDING ? "attending" : "declined"));
        }
        List<Announcement> waiting = training.awaitingAck(invoker.user());
        if (!waiting.isEmpty()) {
            text.newline().newline().bold("Waiting for your acknowledgement");
            waiting.forEach(a -> text.newline().text("• " + a.reference() + " ").bold(a.getTitle()));
        }
        text.newline().newline().text("Organize one with ").code(invoker.platform().command("training")
                + " schedule").text(" or ").code(invoker.platform().command("training") + " announce").text(".");
        return Message.of(text.build());
    }

    private Message organized(Invoker invoker) {
        Markup.Builder text = Markup.builder().bold("What you organized");
        List<TrainingSession> sessions = training.organizedBy(invoker.user());
        List<Announcement> announcements = training.announcedBy(invoker.user());
        if (sessions.isEmpty() && announcements.isEmpty()) {
            return Message.of(text.newline().italic("Nothing yet.").build());
        }
        for (TrainingSession s : sessions) {
            text.newline().text("• " + s.reference() + " ").bold(s.getTitle()).text(" · "
                    + TrainingCards.when(s.getStartsAt(), s.zone()) + " · "
                    + s.with(TrainingSession.Answer.ATTENDING).size() + " attending, "
                    + s.with(TrainingSession.Answer.DECLINED).size() + " declined, " + s.unanswered().size()
                    + " no answer");
        }
        for (Announcement a : announcements) {
            text.newline().text("• " + a.reference() + " ").bold(a.getTitle()).text(" · " + a.getAcks().size()
                    + " of " + a.getAudience().size() + " acknowledged");
        }
        text.newline().text("Details: ").code(invoker.platform().command("training") + " status TR-1");
        return Message.of(text.build());
    }

    private Response status(Invoker invoker, String reference) {
        Matcher m = REFERENCE.matcher(reference.strip());
        if (!m.matches()) {
            throw new UserError("Which one? For example status TR-3 or status AN-2.");
        }
        long number = Long.parseLong(m.group(2));
        boolean session = m.group(1).toUpperCase(Locale.ROOT).equals("TR");
        String ref = m.group(1).toUpperCase(Locale.ROOT) + "-" + number;
        if (session) {
            TrainingSession found = training.findSession(invoker.tenant(), number)
                    .orElseThrow(() -> new UserError("There is no " + ref + " here."));
            allowed(invoker, found.getOrganizer());
            return Response.privately(training.status(found));
        }
        Announcement found = training.findAnnouncement(invoker.tenant(), number)
                .orElseThrow(() -> new UserError("There is no " + ref + " here."));
        allowed(invoker, found.getOrganizer());
        return Response.privately(training.status(found));
    }

    private void allowed(Invoker invoker, io.opsbot.core.tenant.UserRef organizer) {
        if (!organizer.equals(invoker.user()) && !settings.isAdmin(invoker.user())) {
            throw new UserError("Only the organizer and admins can see who answered.");
        }
    }
}
