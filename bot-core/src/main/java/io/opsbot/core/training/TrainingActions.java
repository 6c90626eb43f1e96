package io.opsbot.core.training;

import io.opsbot.core.conversation.Action;
import io.opsbot.core.conversation.ActionRequest;
import io.opsbot.core.conversation.Actions;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.launch.LaunchDraft;
import io.opsbot.core.launch.LaunchDrafts;
import io.opsbot.core.message.ButtonValue;
import io.opsbot.core.identity.IdentityLinks;
import io.opsbot.core.tenant.UserRef;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.stream.Stream;

/**
 * Attend / Decline on an invitation and Acknowledge on an announcement; the card updates in place. Anyone may click;
 * each answers only for themselves, and only what was sent to them. "Announce this launch" (sent when feedback ships)
 * opens the announce form prefilled.
 */
@Component
public class TrainingActions implements Actions {

    /** Attend / Decline an invitation, Acknowledge an announcement; the button's value is the session's or its id. */
    public static final String ATTEND = TrainingCards.ATTEND;
    public static final String DECLINE = TrainingCards.DECLINE;
    public static final String ACKNOWLEDGE = TrainingCards.ACK;

    /** "Schedule a training" and "Announce a change" on the admins' home: their forms. */
    public static final String SCHEDULE = "training.schedule";
    public static final String ANNOUNCE = "training.announce";

    private final TrainingSessionService sessions;
    private final AnnouncementService announcements;
    private final TrainingScheduleForm scheduleForm;
    private final TrainingAnnounceForm announceForm;
    private final LaunchDrafts launches;
    private final IdentityLinks identities;

    public TrainingActions(TrainingSessionService sessions, AnnouncementService announcements,
                           TrainingScheduleForm scheduleForm, TrainingAnnounceForm announceForm,
                           LaunchDrafts launches, IdentityLinks identities) {
        this.identities = identities;
        this.launches = launches;
        this.sessions = sessions;
        this.announcements = announcements;
        this.scheduleForm = scheduleForm;
        this.announceForm = announceForm;
    }

    @Override
    public List<Action> actions() {
        return List.of(
                Action.anyone(TrainingCards.ATTEND, (request, value) -> rsvp(request, value,
                        TrainingSession.Answer.ATTENDING)),
                Action.anyone(TrainingCards.DECLINE, (request, value) -> rsvp(request, value,
                        TrainingSession.Answer.DECLINED)),
                Action.anyone(TrainingCards.ACK, (request, value) -> new Response.UpdateMessage(
                        TrainingCards.announcement(announcements.acknowledge(person(request, value),
                                value.subject()), true))),
                Action.anyone(SCHEDULE, (request, value) -> Response.form(scheduleForm.open(request.invoker()))),
                Action.anyone(ANNOUNCE, (request, value) -> Response.form(announceForm.open())),
                Action.anyone(LaunchDrafts.ANNOUNCE_ACTION, this::announceLaunch),
                Action.anyone(TrainingCards.EDIT, (request, value) -> Response.form(scheduleForm.openEdit(
                        organized(request, value)))),
                Action.anyone(TrainingCards.CANCEL, (request, value) -> new Response.UpdateMessage(sessions.status(
                        sessions.cancel(request.invoker().actor(), organized(request, value))))));
    }

    /** The training a button of the organizer's card is about; the service checks who may change it. */
    private TrainingSession organized(ActionRequest request, ButtonValue value) {
        person(request, value);
        return sessions.find(value.subject()).orElseThrow(Action::noLongerActive);
    }

    /** "Announce this launch": the announce form filled with what shipped, for the person it was prepared for. */
    private Response announceLaunch(ActionRequest request, ButtonValue value) {
        if (value.subject().isEmpty()) {
            throw Action.noLongerActive();
        }
        LaunchDraft launch = launches.open(value.subject(), request.invoker().user());
        return Response.form(announceForm.prefilled(launch.title(), launch.text(), launch.link()));
    }

    private Response rsvp(ActionRequest request, ButtonValue value, TrainingSession.Answer answer) {
        UserRef person = person(request, value);
        TrainingSession session = sessions.rsvp(person, value.subject(), answer);
        return new Response.UpdateMessage(TrainingCards.invitation(session, sessions.zoneOf(person, session), answer));
    }

    /**
     * The clicker as known in the training's tenant: themselves, or their linked identity there (an invitee asked on
     * the other platform answers there). Nobody else.
     */
    private UserRef person(ActionRequest request, ButtonValue value) {
        UserRef clicker = request.invoker().user();
        return Stream.concat(Stream.of(clicker), identities.partner(clicker).stream())
                .filter(person -> value.subject().startsWith(person.tenant().key() + ":"))
                .findFirst().orElseThrow(Action::noLongerActive);
    }
}
