package io.opsbot.core.training;

import io.opsbot.core.access.AccessPolicy;
import io.opsbot.core.access.Role;
import io.opsbot.core.conversation.Arg;
import io.opsbot.core.conversation.Arguments;
import io.opsbot.core.conversation.Command;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.Subcommand;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.reference.Reference;
import io.opsbot.core.tenant.UserRef;
import org.springframework.stereotype.Component;

import java.time.ZoneId;
import java.util.List;

/** {@code /training}: schedule trainings, announce changes to acknowledge, and see who answered. */
@Component
public class TrainingCommand implements Command {

    private final TrainingSessionService sessions;
    private final AnnouncementService announcements;
    private final TrainingScheduleForm scheduleForm;
    private final TrainingAnnounceForm announceForm;
    private final AccessPolicy access;
    private final ProfileService profiles;

    public TrainingCommand(TrainingSessionService sessions, AnnouncementService announcements,
                           TrainingScheduleForm scheduleForm, TrainingAnnounceForm announceForm, AccessPolicy access,
                           ProfileService profiles) {
        this.sessions = sessions;
        this.announcements = announcements;
        this.scheduleForm = scheduleForm;
        this.announceForm = announceForm;
        this.access = access;
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
    public List<Subcommand> subcommands() {
        return List.of(
                Subcommand.bare().help("your upcoming trainings and what waits for your acknowledgement")
                        .handledBy((invoker, args) -> Response.privately(mine(invoker))),
                Subcommand.named("schedule").help("schedule a training: invitations with Attend / Decline, reminders")
                        .handledBy((invoker, args) -> Response.form(scheduleForm.open(invoker))),
                Subcommand.named("announce").help("announce a new process or tool that people must acknowledge")
                        .handledBy((invoker, args) -> Response.form(announceForm.open())),
                Subcommand.named("list").help("what you organized, with the answers so far")
                        .handledBy((invoker, args) -> Response.privately(organized(invoker))),
                Subcommand.named("edit").args(Arg.reference("training", TrainingSession.KIND))
                        .help("change a training's title, time or link; invitees are told (organizers and admins)")
                        .handledBy((invoker, args) -> Response.form(scheduleForm.openEdit(editable(invoker,
                                args.reference("training"))))),
                Subcommand.named("cancel").args(Arg.reference("training", TrainingSession.KIND))
                        .help("cancel a training; invitees are told (organizers and admins)")
                        .handledBy((invoker, args) -> cancel(invoker, args.reference("training"))),
                Subcommand.named("status").args(Arg.reference("item", TrainingSession.KIND, Announcement.KIND))
                        .help("who is attending, or who has acknowledged (organizers and admins)")
                        .handledBy(this::status));
    }

    private Message mine(Invoker invoker) {
        ZoneId fallback = invoker.zone() != null ? invoker.zone() : ZoneId.of("UTC");
        Markup.Builder text = Markup.builder().bold("Your trainings");
        List<TrainingSession> invited = sessions.invitations(invoker.user());
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
        List<Announcement> waiting = announcements.awaitingAck(invoker.user());
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
        List<TrainingSession> organized = sessions.organizedBy(invoker.user());
        List<Announcement> announced = announcements.announcedBy(invoker.user());
        if (organized.isEmpty() && announced.isEmpty()) {
            return Message.of(text.newline().italic("Nothing yet.").build());
        }
        for (TrainingSession s : organized) {
            text.newline().text("• " + s.reference() + " ").bold(s.getTitle()).text(" · "
                    + TrainingCards.when(s.getStartsAt(), s.zone()) + " · "
                    + (s.getStatus() == TrainingSession.Status.CANCELLED ? "cancelled · " : "")
                    + s.with(TrainingSession.Answer.ATTENDING).size() + " attending, "
                    + s.with(TrainingSession.Answer.DECLINED).size() + " declined, " + s.unanswered().size()
                    + " no answer");
        }
        for (Announcement a : announced) {
            text.newline().text("• " + a.reference() + " ").bold(a.getTitle()).text(" · " + a.getAcks().size()
                    + " of " + a.getAudience().size() + " acknowledged");
        }
        text.newline().text("Details: ").code(invoker.platform().command("training") + " status TR-1")
                .text(" · change or call off: ").code(invoker.platform().command("training") + " edit TR-1")
                .text(", ").code(invoker.platform().command("training") + " cancel TR-1");
        return Message.of(text.build());
    }

    private Response status(Invoker invoker, Arguments args) {
        Reference ref = args.reference("item");
        if (ref.is(TrainingSession.KIND)) {
            TrainingSession found = sessions.find(invoker.tenant(), ref)
                    .orElseThrow(() -> new UserError("There is no " + ref + " here."));
            allowed(invoker, found.getOrganizer());
            return Response.privately(sessions.status(found));
        }
        Announcement found = announcements.find(invoker.tenant(), ref)
                .orElseThrow(() -> new UserError("There is no " + ref + " here."));
        allowed(invoker, found.getOrganizer());
        return Response.privately(announcements.status(found));
    }

    /** A training of the invoker's tenant that they may change (the service checks again when saving). */
    private TrainingSession editable(Invoker invoker, Reference ref) {
        TrainingSession found = sessions.find(invoker.tenant(), ref)
                .orElseThrow(() -> new UserError("There is no " + ref + " here."));
        if (!access.isOwnerOr(invoker.user(), found.getOrganizer(), Role.ADMIN)) {
            throw new UserError("Only the organizer of " + ref + " and admins can change it.");
        }
        if (found.getStatus() == TrainingSession.Status.CANCELLED) {
            throw new UserError(ref + " was cancelled.");
        }
        return found;
    }

    private Response cancel(Invoker invoker, Reference ref) {
        TrainingSession found = sessions.find(invoker.tenant(), ref)
                .orElseThrow(() -> new UserError("There is no " + ref + " here."));
        boolean already = found.getStatus() == TrainingSession.Status.CANCELLED;
        // Cancelling again finishes what an earlier attempt may have left unsent; nobody is told twice.
        TrainingSession cancelled = sessions.cancel(invoker.actor(), found);
        if (already) {
            return Response.privately(ref + " was already cancelled.");
        }
        return Response.privately(Message.of(Markup.builder().text("🚫 Cancelled ").bold(ref.toString())
                .text(" " + cancelled.getTitle() + ". The " + cancelled.getAudience().size()
                        + " invited are told; reminders are off.").build()));
    }

    private void allowed(Invoker invoker, UserRef organizer) {
        if (!access.isOwnerOr(invoker.user(), organizer, Role.ADMIN)) {
            throw new UserError("Only the organizer and admins can see who answered.");
        }
    }
}
