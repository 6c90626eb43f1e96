package io.opsbot.core.training;

import io.opsbot.core.audit.AuditLog;
import io.opsbot.core.availability.AvailabilityService;
import io.opsbot.core.conversation.Drafts;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.delivery.Outbox;
import io.opsbot.core.gateway.Destination;
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
import java.util.List;
import java.util.Optional;

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
    private final Clock clock;

    public TrainingSessionService(TrainingSessionRepository sessions, MongoTemplate mongo, SequenceService sequences,
                                  Outbox outbox, NudgeScheduler nudges, AvailabilityService availability,
                                  ProfileService profiles, Drafts drafts, PersonRateLimit rateLimit, AuditLog audit,
                                  Clock clock) {
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
        TrainingSession session = sessions.insert(new TrainingSession(tenant,
                sequences.next("training:" + tenant.key()), organizer.user(), organizer.displayName(),
                draft.title().strip(), draft.description(), draft.link(), draft.startsAt(), draft.zone(),
                draft.audience(), now));
        for (UserRef invitee : session.getAudience()) {
            outbox.enqueue(TrainingKeys.key(session.getId(), invitee, "invite"), new Destination.Direct(invitee),
                    TrainingCards.invitation(session, zoneOf(invitee, session), null), session.getStartsAt());
        }
        outbox.enqueue(TrainingKeys.organizerKey(session.getId()), new Destination.Direct(session.getOrganizer()),
                status(session), null);
        scheduleReminders(session);
        audit.record(organizer.actor(), "training.schedule", session.reference().toString(), null,
                session.getTitle() + "; " + session.getStartsAt() + "; " + session.getAudience().size() + " invited");
        return session;
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
            outbox.enqueue(TrainingKeys.key(sessionId, attendee, kind), new Destination.Direct(attendee),
                    TrainingCards.reminder(session, kind, zone), session.getStartsAt());
        }
    }

    private void scheduleReminders(TrainingSession session) {
        Instant now = clock.instant();
        Instant dayBefore = session.getStartsAt().minus(DAY_BEFORE_OFFSET);
        // Scheduled less than a day ahead: the invitation itself is the day-before notice.
        if (dayBefore.isAfter(session.getCreatedAt())) {
            nudges.schedule(new Nudge(TrainingNudges.REMINDER, session.getId(), DAY_BEFORE, latest(dayBefore, now)));
        }
        Instant soon = session.getStartsAt().minus(SOON_OFFSET);
        if (soon.isAfter(session.getCreatedAt())) {
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
