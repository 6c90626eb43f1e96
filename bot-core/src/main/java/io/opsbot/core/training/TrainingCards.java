package io.opsbot.core.training;

import io.opsbot.core.message.Button;
import io.opsbot.core.message.ButtonValue;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import io.opsbot.core.message.Texts;
import io.opsbot.core.tenant.UserRef;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Invitations, reminders, announcements and the organizer's answer lists. Times are shown in the reader's zone. */
final class TrainingCards {

    static final String ATTEND = "training.attend";
    static final String DECLINE = "training.decline";
    static final String ACK = "training.ack";
    static final String EDIT = "training.edit";
    static final String CANCEL = "training.cancel";
    static final int MAX_NAMES = 40;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm",
            Locale.ENGLISH);

    private TrainingCards() {
    }

    /** "Tue 1 Dec 2026, 16:00 (Europe/Berlin)". */
    static String when(Instant at, ZoneId zone) {
        return WHEN.format(at.atZone(zone)) + " (" + zone.getId() + ")";
    }

    static Message invitation(TrainingSession session, ZoneId zone, TrainingSession.Answer answer) {
        Message.Builder card = Message.builder("Training invitation: " + session.getTitle() + ", "
                        + when(session.getStartsAt(), zone))
                .header("🎓 " + Texts.shorten(session.getTitle(), 140))
                .section(details(session, zone));
        if (session.getDescription() != null) {
            card.section(Markup.plain(session.getDescription()));
        }
        card.context(Markup.builder().text(session.reference() + " · invited by ")
                .mention(session.getOrganizer(), session.getOrganizerName()).build());
        if (session.getStatus() == TrainingSession.Status.CANCELLED) {
            return card.section(Markup.plain("🚫 Cancelled by the organizer.")).build();
        }
        if (answer == TrainingSession.Answer.ATTENDING) {
            card.section(Markup.plain("✅ You're attending. I'll remind you the day before and 15 minutes before."));
        } else if (answer == TrainingSession.Answer.DECLINED) {
            card.section(Markup.plain("❌ You declined."));
        }
        List<Button> buttons = new ArrayList<>();
        if (answer != TrainingSession.Answer.ATTENDING) {
            buttons.add(Button.primary(ATTEND, "Attend", ButtonValue.of(session.getId())));
        }
        if (answer != TrainingSession.Answer.DECLINED) {
            buttons.add(Button.of(DECLINE, "Decline", ButtonValue.of(session.getId())));
        }
        return card.buttons(buttons).build();
    }

    private static Markup details(TrainingSession session, ZoneId zone) {
        Markup.Builder text = Markup.builder().text("🗓️ ").bold(when(session.getStartsAt(), zone));
        if (!zone.equals(session.zone())) {
            text.text(" · " + TIME.format(session.getStartsAt().atZone(session.zone())) + " in "
                    + session.zone().getId() + " for the organizer");
        }
        if (session.getLink() != null) {
            text.newline().text("🔗 ").link(session.getLink(), session.getLink());
        }
        return text.build();
    }

    /** To each invitee, once: the training is off. */
    static Message cancelled(TrainingSession session, ZoneId zone) {
        return Message.builder("Cancelled: " + session.getTitle() + ", " + when(session.getStartsAt(), zone))
                .section(Markup.builder().text("🚫 ").bold(session.getTitle()).text(" on "
                        + when(session.getStartsAt(), zone) + " is cancelled.").build())
                .context(Markup.builder().text(session.reference() + " · cancelled by the organizer, ")
                        .mention(session.getOrganizer(), session.getOrganizerName()).build())
                .build();
    }

    /** To each invitee, once per change: what it is now; their answer stands and can be changed on the invitation. */
    static Message changed(TrainingSession session, ZoneId zone) {
        return Message.builder("Changed: " + session.getTitle() + ", now " + when(session.getStartsAt(), zone))
                .section(Markup.builder().text("✏️ ").bold(session.getTitle()).text(" has changed.").build())
                .section(details(session, zone))
                .context(Markup.builder().text(session.reference() + " · changed by ")
                        .mention(session.getOrganizer(), session.getOrganizerName())
                        .text(" · your answer stands; change it on the invitation").build())
                .build();
    }

    /** The words with a training's calendar file. */
    static Message calendarComment(TrainingSession session) {
        String text = session.getStatus() == TrainingSession.Status.CANCELLED
                ? "🗓️ " + session.reference() + " " + session.getTitle() + " is cancelled: open this file to take it "
                + "out of your calendar."
                : session.getSequence() > 0
                ? "🗓️ " + session.reference() + " " + session.getTitle() + " has changed: open this file to update "
                + "your calendar."
                : "🗓️ Add " + session.reference() + " " + session.getTitle() + " to your calendar with this file.";
        return Message.text(text);
    }

    static Message reminder(TrainingSession session, String kind, ZoneId zone) {
        String lead = TrainingSessionService.SOON.equals(kind) ? "⏰ Starting in 15 minutes: " : "📅 Tomorrow: ";
        return Message.builder((TrainingSessionService.SOON.equals(kind) ? "In 15 minutes: " : "Tomorrow: ")
                        + session.getTitle())
                .section(Markup.builder().text(lead).bold(session.getTitle()).build())
                .section(details(session, zone))
                .context(Markup.plain(session.reference() + " · you said you'd attend"))
                .build();
    }

    /** The organizer's card: who attends, who declined, who has not answered. Edited as answers come in. */
    static Message organizer(TrainingSession session, Function<UserRef, String> names) {
        List<UserRef> yes = session.with(TrainingSession.Answer.ATTENDING);
        List<UserRef> no = session.with(TrainingSession.Answer.DECLINED);
        List<UserRef> open = session.unanswered();
        if (session.getStatus() == TrainingSession.Status.CANCELLED) {
            return Message.builder(session.reference() + " " + session.getTitle() + ": cancelled")
                    .header("🚫 " + session.reference() + " · " + Texts.shorten(session.getTitle(), 120))
                    .section(Markup.builder().text("Cancelled. The " + session.getAudience().size()
                            + " invited were told.").build())
                    .build();
        }
        return Message.builder(session.reference() + " " + session.getTitle() + ": " + yes.size() + " attending, "
                        + no.size() + " declined, " + open.size() + " not answered")
                .header("🎓 " + session.reference() + " · " + Texts.shorten(session.getTitle(), 120))
                .section(Markup.builder().text("🗓️ ").bold(when(session.getStartsAt(), session.zone()))
                        .newline().text("Invited " + session.getAudience().size() + ": " + yes.size() + " attending, "
                                + no.size() + " declined, " + open.size() + " not answered yet.").build())
                .section(people("✅ Attending", yes, names))
                .section(people("❌ Declined", no, names))
                .section(people("⏳ No answer yet", open, names))
                .buttons(List.of(Button.of(EDIT, "Edit", ButtonValue.of(session.getId())),
                        Button.danger(CANCEL, "Cancel training", ButtonValue.of(session.getId()))))
                .build();
    }

    static Message announcement(Announcement announcement, boolean acknowledged) {
        Message.Builder card = Message.builder("New: " + announcement.getTitle() + " (please acknowledge)")
                .header("📣 " + Texts.shorten(announcement.getTitle(), 140))
                .section(Markup.plain(announcement.getText()));
        if (announcement.getLink() != null) {
            card.section(Markup.builder().text("🔗 ").link(announcement.getLink(), announcement.getLink()).build());
        }
        card.context(Markup.builder().text(announcement.reference() + " · from ")
                .mention(announcement.getOrganizer(), announcement.getOrganizerName()).build());
        if (acknowledged) {
            return card.section(Markup.plain("✅ Acknowledged. Thank you!")).build();
        }
        return card.buttons(List.of(Button.primary(ACK, "Acknowledge", ButtonValue.of(announcement.getId())))).build();
    }

    static Message announcementReminder(Announcement announcement) {
        Message card = announcement(announcement, false);
        List<io.opsbot.core.message.Block> blocks = new ArrayList<>();
        blocks.add(new io.opsbot.core.message.Block.Section(Markup.builder()
                .text("⏰ Reminder: please read and acknowledge ").bold(announcement.getTitle()).text(".").build()));
        blocks.addAll(card.blocks());
        return new Message("Reminder: please acknowledge " + announcement.getTitle(), blocks);
    }

    static Message organizer(Announcement announcement, Function<UserRef, String> names) {
        List<UserRef> done = announcement.getAudience().stream().filter(announcement::acknowledged).toList();
        List<UserRef> pending = announcement.pending();
        return Message.builder(announcement.reference() + " " + announcement.getTitle() + ": " + done.size() + " of "
                        + announcement.getAudience().size() + " acknowledged")
                .header("📣 " + announcement.reference() + " · " + Texts.shorten(announcement.getTitle(), 120))
                .section(Markup.plain(done.size() + " of " + announcement.getAudience().size()
                        + " acknowledged. Those who haven't get a reminder "
                        + WHEN.format(announcement.getRemindAt().atZone(ZoneId.of("UTC"))) + " UTC."))
                .section(people("✅ Acknowledged", done, names))
                .section(people("⏳ Not yet", pending, names))
                .build();
    }

    private static Markup people(String label, List<UserRef> people, Function<UserRef, String> names) {
        Markup.Builder text = Markup.builder().bold(label + " (" + people.size() + ")");
        if (people.isEmpty()) {
            return text.newline().italic("nobody").build();
        }
        text.newline();
        for (int i = 0; i < Math.min(MAX_NAMES, people.size()); i++) {
            if (i > 0) {
                text.text(", ");
            }
            text.mention(people.get(i), names.apply(people.get(i)));
        }
        if (people.size() > MAX_NAMES) {
            text.text(" and " + (people.size() - MAX_NAMES) + " more");
        }
        return text.build();
    }
}
