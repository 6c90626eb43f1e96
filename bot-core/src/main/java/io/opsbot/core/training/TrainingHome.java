package io.opsbot.core.training;

import io.opsbot.core.access.AccessPolicy;
import io.opsbot.core.access.Role;
import io.opsbot.core.home.HomeItem;
import io.opsbot.core.home.HomePart;
import io.opsbot.core.home.SettingsItems;
import io.opsbot.core.message.Button;
import io.opsbot.core.message.ButtonValue;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Texts;
import io.opsbot.core.tenant.UserRef;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Trainings to answer and announcements to acknowledge, on the home of the person they were sent to. */
@Component
class TrainingHome implements HomePart {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", Locale.ENGLISH);

    private final TrainingSessionService sessions;
    private final AnnouncementService announcements;
    private final AccessPolicy access;

    TrainingHome(TrainingSessionService sessions, AnnouncementService announcements, AccessPolicy access) {
        this.sessions = sessions;
        this.announcements = announcements;
        this.access = access;
    }

    @Override
    public List<HomeItem> homeItems(UserRef user, ZoneId zone, Instant now) {
        List<HomeItem> items = new ArrayList<>();
        for (TrainingSession session : sessions.invitations(user)) {
            if (session.answerOf(user) != null) {
                continue;
            }
            Markup text = Markup.builder().bold(session.reference().toString())
                    .text(" " + Texts.shorten(session.getTitle(), 120))
                    .text(" · " + WHEN.format(session.getStartsAt().atZone(zone)) + " " + zone.getId()).build();
            ButtonValue invitation = ButtonValue.of(session.getId());
            items.add(new HomeItem(HomeItem.Section.TRAININGS, text, List.of(
                    Button.primary(TrainingActions.ATTEND, "Attend", invitation),
                    Button.of(TrainingActions.DECLINE, "Decline", invitation)), true));
        }
        for (Announcement announcement : announcements.awaitingAck(user)) {
            Markup text = Markup.builder().bold(announcement.reference().toString())
                    .text(" " + Texts.shorten(announcement.getTitle(), 120)).build();
            items.add(new HomeItem(HomeItem.Section.ANNOUNCEMENTS, text, List.of(Button.primary(
                    TrainingActions.ACKNOWLEDGE, "Acknowledge", ButtonValue.of(announcement.getId()))), true));
        }
        if (access.has(user, Role.ADMIN)) {
            items.add(SettingsItems.forms("Trainings and announcements", List.of(
                    Button.of(TrainingActions.SCHEDULE, "Schedule a training", ButtonValue.NONE),
                    Button.of(TrainingActions.ANNOUNCE, "Announce a change", ButtonValue.NONE))));
        }
        return items;
    }
}
