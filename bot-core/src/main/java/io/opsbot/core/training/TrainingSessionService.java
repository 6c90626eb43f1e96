package io.opsbot.core.training;

import io.opsbot.core.access.AccessPolicy;
import io.opsbot.core.access.Role;
import io.opsbot.core.audit.Actor;
import io.opsbot.core.audit.AuditLog;
import io.opsbot.core.availability.AvailabilityService;
import io.opsbot.core.conversation.Drafts;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.delivery.Outbox;
import io.opsbot.core.gateway.ChatFile;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.identity.IdentityLinks;
import io.opsbot.core.message.Message;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.ratelimit.PersonRateLimit;
import io.opsbot.core.reference.Reference;
import io.opsbot.core.schedule.Nudge;
import io.opsbot.core.schedule.NudgeScheduler;
import io.opsbot.core.sequence.SequenceService;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Trainings: invitations with Attend / Decline, reminders a day and 15 minutes before. Each goes to each person by DM
 * through the {@link Outbox}, keyed per (training, person, kind), so a reminder fired twice is sent once; the
 * organizer's card listing the answers is edited in place as people answer.
 */
@Service
public class TrainingSessionService {

    static final String DAY_BEFORE = "24h";
    static final String SOON = "15m";
    static final Duration DAY_BEFORE_OFFSET = Duration.ofHours(24);
    static final Duration SOON_OFFSET = Duration.ofMinutes(15);

    private final TrainingSessionRepository sessions;
    private final MongoTemplate mongo;
    private final SequenceService sequences;
    private final Outbox outbox;
    private final NudgeScheduler nudges;
    private final AvailabilityService availability;
    private final ProfileService profiles;
    private final Drafts drafts;
    private final PersonRateLimit rateLimit;
    private final AuditLog audit;
    private final AccessPolicy access;
    private final TrainingProperties properties;
    /** Invitees who linked the other platform and chose it are sent their cards there. */
    private final IdentityLinks identities;
    private final Clock clock;

    public TrainingSessionService(TrainingSessionRepository sessions, MongoTemplate mongo, SequenceService sequences,
                                  Outbox outbox, NudgeScheduler nudges, AvailabilityService availability,
                                  ProfileService profiles, Drafts drafts, PersonRateLimit rateLimit, AuditLog audit,
                                  AccessPolicy access, TrainingProperties properties, IdentityLinks identities,
            Clock clock) {
        this.identities = identities;
        this.access = access;
        this.properties = properties;
        this.audit = audit;
        this.sessions = sessions;
        this.mongo = mongo;
        this.sequences = sequences;
        this.outbox = outbox;
        this.nudges = nudges;
        this.availability = availability;
        this.profiles = profiles;
        this.drafts = drafts;
        this.rateLimit = rateLimit;
        this.clock = clock;
    }

    public TrainingSession schedule(Invoker organizer, SessionDraft draft) {
        drafts.check(draft);
        Instant now = clock.instant();
        if (!draft.startsAt().isAfter(now)) {
            throw new UserError("That time has already passed.");
        }
        TenantRef tenant = organizer.tenant();
        rateLimit.checkCreate(organizer.user());
        TrainingSession session = new TrainingSession(tenant, sequences.next("training:" + tenant.key()),
                organizer.user(), organizer.displayName(), draft.title().strip(), draft.description(), draft.link(),
                draft.startsAt(), draft.zone(), draft.audience(), now);
        Nudge unfinished = TrainingNudges.fanOutGuard(nudges, session.getId(), now);
        session = sessions.insert(session);
        invite(session);
        scheduleReminders(session);
        nudges.remove(unfinished);
        audit.record(organizer.actor(), "training.schedule", session.reference().toString(), null,
                session.getTitle() + "; " + session.getStartsAt() + "; " + session.getAudience().size() + " invited");
        return session;
    }

    /**
     * Everyone's invitation and the organizer's card, stored in one command and sent. Safe to repeat: what was stored
     * before is not stored or sent again.
     */
    private void invite(TrainingSession session) {
        List<Outbox.Outgoing> messages = new ArrayList<>();
        for (UserRef invitee : session.getAudience()) {
            messages.add(new Outbox.Outgoing(TrainingKeys.key(session.getId(), invitee, "invite"),
                    new Destination.Direct(identities.reachAt(invitee)), TrainingCards.invitation(session, zoneOf(invitee, session), null),
                    session.getStartsAt()));
        }
        messages.add(new Outbox.Outgoing(TrainingKeys.organizerKey(session.getId()),
                new Destination.Direct(session.getOrganizer()), status(session), null));
        outbox.enqueueAll(messages);
        sendCalendarFiles(session);
    }

    /**
     * Each invitee's calendar file for the training as it is now, once per version (its sequence): a new event, the
     * changed one (same UID, higher SEQUENCE) or its cancellation.
     */
    private void sendCalendarFiles(TrainingSession session) {
        ChatFile file = TrainingCalendar.file(session, properties.calendarLength());
        Message comment = TrainingCards.calendarComment(session);
        for (UserRef invitee : session.getAudience()) {
            outbox.enqueueFile(changeKey(session, invitee, "ics"), new Destination.Direct(identities.reachAt(invitee)), file, comment,
                    session.getStartsAt());
        }
    }

    /**
     * Fired only when a request scheduling, editing or cancelling a training died before everything it sends was
     * stored: stores and sends what is missing (the keys make what was stored before count once).
     */
    void finishFanOut(String id) {
        find(id).filter(s -> s.getStartsAt().isAfter(clock.instant())).ifPresent(session -> {
            if (session.getStatus() == TrainingSession.Status.CANCELLED) {
                tellCancelled(session);
                return;
            }
            invite(session);
            if (session.getSequence() > 0) {
                tellChanged(session);
            }
            scheduleReminders(session);
        });
    }

    /** The organizer and admins may change or cancel a training. */
    private void requireOrganizerOrAdmin(UserRef user, TrainingSession session, String what) {
        if (!user.tenant().equals(session.getTenant())
                || !access.isOwnerOr(user, session.getOrganizer(), Role.ADMIN)) {
            throw new UserError("Only the organizer of " + session.reference() + " and admins can " + what + ".");
        }
    }

    /**
     * Cancels a training still to come: its reminders stop, each invitee is told once (a repeated or retried cancel
     * tells nobody twice) and their invitation loses its buttons.
     */
    public TrainingSession cancel(Actor by, TrainingSession session) {
        requireOrganizerOrAdmin(by.user(), session, "cancel it");
        Instant now = clock.instant();
        if (!session.getStartsAt().isAfter(now)) {
            throw new UserError(session.getTitle() + " has already started.");
        }
        Nudge unfinished = TrainingNudges.fanOutGuard(nudges, session.getId(), now);
        TrainingSession cancelled = mongo.findAndModify(Query.query(Criteria.where("_id").is(session.getId())
                        .and("status").is(TrainingSession.Status.SCHEDULED)),
                new Update().set("status", TrainingSession.Status.CANCELLED).inc("sequence", 1)
                        .set("changedAt", now), FindAndModifyOptions.options().returnNew(true), TrainingSession.class);
        if (cancelled != null) {
            audit.record(by, "training.cancel", session.reference().toString(), session.getTitle(), null);
        } else {
            cancelled = find(session.getId()).orElseThrow();
        }
        nudges.cancel(TrainingNudges.REMINDER, session.getId());
        tellCancelled(cancelled);
        nudges.remove(unfinished);
        return cancelled;
    }

    private void tellCancelled(TrainingSession session) {
        tellInvitees(session, "cancel", TrainingCards::cancelled);
    }

    /**
     * Tells every invitee of a change once (keyed per change), re-draws their invitation and the organizer's card,
     * and sends the calendar file of this version.
     */
    private void tellInvitees(TrainingSession session, String kind,
                              BiFunction<TrainingSession, ZoneId, Message> notice) {
        List<Outbox.Outgoing> messages = new ArrayList<>();
        for (UserRef invitee : session.getAudience()) {
            messages.add(new Outbox.Outgoing(changeKey(session, invitee, kind), new Destination.Direct(identities.reachAt(invitee)),
                    notice.apply(session, zoneOf(invitee, session)), session.getStartsAt()));
        }
        outbox.enqueueAll(messages);
        sendCalendarFiles(session);
        for (UserRef invitee : session.getAudience()) {
            outbox.update(TrainingKeys.key(session.getId(), invitee, "invite"),
                    TrainingCards.invitation(session, zoneOf(invitee, session), session.answerOf(invitee)));
        }
        outbox.update(TrainingKeys.organizerKey(session.getId()), status(session));
    }

    /**
     * Changes what, when and in which zone a training is (its invitees stay): each invitee is told once per change,
     * their invitation shows the new time, and the reminders move with it. Answers are kept.
     */
    public TrainingSession edit(Actor by, TrainingSession session, SessionDraft draft) {
        requireOrganizerOrAdmin(by.user(), session, "change it");
        drafts.check(draft);
        Instant now = clock.instant();
        if (session.getStatus() != TrainingSession.Status.SCHEDULED) {
            throw new UserError(session.getTitle() + " was cancelled.");
        }
        if (!session.getStartsAt().isAfter(now)) {
            throw new UserError(session.getTitle() + " has already started.");
        }
        if (!draft.startsAt().isAfter(now)) {
            throw new UserError("That time has already passed.");
        }
        Nudge unfinished = TrainingNudges.fanOutGuard(nudges, session.getId(), now);
        TrainingSession edited = mongo.findAndModify(Query.query(Criteria.where("_id").is(session.getId())
                        .and("status").is(TrainingSession.Status.SCHEDULED)),
                new Update().set("title", draft.title().strip()).set("description", draft.description())
                        .set("link", draft.link()).set("startsAt", draft.startsAt()).set("zone", draft.zone().getId())
                        .inc("sequence", 1).set("changedAt", now),
                FindAndModifyOptions.options().returnNew(true), TrainingSession.class);
        if (edited == null) {
            nudges.remove(unfinished);
            throw new UserError(session.getTitle() + " was cancelled.");
        }
        audit.record(by, "training.edit", session.reference().toString(), session.getTitle() + "; "
                + session.getStartsAt(), edited.getTitle() + "; " + edited.getStartsAt());
        nudges.cancel(TrainingNudges.REMINDER, session.getId());
        scheduleReminders(edited);
        tellChanged(edited);
        nudges.remove(unfinished);
        return edited;
    }

    private void tellChanged(TrainingSession session) {
        tellInvitees(session, "edit", TrainingCards::changed);
    }

    /** One message per (training, person, change): the change is the session's sequence number. */
    static String changeKey(TrainingSession session, UserRef person, String kind) {
        return TrainingKeys.key(session.getId(), person, kind + ":v" + session.getSequence());
    }

    public Optional<TrainingSession> find(String id) {
        return sessions.findById(id);
    }

    /** By its number, {@code TR-3}, within the tenant. */
    public Optional<TrainingSession> find(TenantRef tenant, Reference reference) {
        return reference.is(TrainingSession.KIND) ? find(TrainingSession.id(tenant, reference)) : Optional.empty();
    }

    /** An invitee's answer; the organizer's card is updated. */
    public TrainingSession rsvp(UserRef person, String sessionId, TrainingSession.Answer answer) {
        TrainingSession session = find(sessionId)
                .orElseThrow(() -> new UserError("That training no longer exists."));
        if (!session.getAudience().contains(person)) {
            throw new UserError("This invitation is for someone else.");
        }
        if (session.getStatus() != TrainingSession.Status.SCHEDULED) {
            throw new UserError(session.getTitle() + " was cancelled.");
        }
        if (!session.getStartsAt().isAfter(clock.instant())) {
            throw new UserError(session.getTitle() + " has already started.");
        }
        TrainingSession updated = mongo.findAndModify(Query.query(Criteria.where("_id").is(sessionId)),
                new Update().set("rsvps." + person.userId(), new TrainingSession.Rsvp(answer, clock.instant())),
                FindAndModifyOptions.options().returnNew(true), TrainingSession.class);
        outbox.update(TrainingKeys.organizerKey(sessionId), status(updated));
        return updated;
    }

    /** Sends one reminder kind to everyone attending who is not away that day, once each. */
    void remind(String sessionId, String kind) {
        TrainingSession session = find(sessionId).orElse(null);
        Instant now = clock.instant();
        if (session == null || session.getStatus() != TrainingSession.Status.SCHEDULED
                || !now.isBefore(session.getStartsAt())) {
            return;
        }
        for (UserRef attendee : session.with(TrainingSession.Answer.ATTENDING)) {
            ZoneId zone = zoneOf(attendee, session);
            if (!availability.on(attendee, now.atZone(zone).toLocalDate(), List.of()).available()) {
                continue;
            }
            // A reminder per time set: after an edit, the reminders of the new time are new messages.
            String reminder = session.getSequence() == 0 ? kind : kind + ":v" + session.getSequence();
            outbox.enqueue(TrainingKeys.key(sessionId, attendee, reminder), new Destination.Direct(identities.reachAt(attendee)),
                    TrainingCards.reminder(session, kind, zone), session.getStartsAt());
        }
    }

    private void scheduleReminders(TrainingSession session) {
        Instant now = clock.instant();
        Instant dayBefore = session.getStartsAt().minus(DAY_BEFORE_OFFSET);
        // Scheduled (or moved) less than a day ahead: the invitation (or the change notice) is the day-before notice.
        if (dayBefore.isAfter(session.timeSetAt())) {
            nudges.schedule(new Nudge(TrainingNudges.REMINDER, session.getId(), DAY_BEFORE, latest(dayBefore, now)));
        }
        Instant soon = session.getStartsAt().minus(SOON_OFFSET);
        if (soon.isAfter(session.timeSetAt())) {
            nudges.schedule(new Nudge(TrainingNudges.REMINDER, session.getId(), SOON, latest(soon, now)));
        }
    }

    /** Trainings a person organized, from a week ago on. */
    public List<TrainingSession> organizedBy(UserRef organizer) {
        return sessions.findByOrganizerAndStartsAtAfterOrderByStartsAt(organizer,
                clock.instant().minus(Duration.ofDays(7)));
    }

    /** Trainings still to come that a person is invited to. */
    public List<TrainingSession> invitations(UserRef person) {
        return sessions.findByAudienceAndStatusAndStartsAtAfterOrderByStartsAt(person,
                TrainingSession.Status.SCHEDULED, clock.instant());
    }

    /** Re-creates the reminders of trainings still to come (at start-up). */
    void rebuild() {
        sessions.findByStatusAndStartsAtAfter(TrainingSession.Status.SCHEDULED, clock.instant())
                .forEach(this::scheduleReminders);
    }

    ZoneId zoneOf(UserRef person, TrainingSession session) {
        return profiles.zone(person, session.zone());
    }

    /** Who is attending, declined, or has not answered: the organizer's card. */
    public Message status(TrainingSession session) {
        return TrainingCards.organizer(session, profiles::displayName);
    }

    static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
