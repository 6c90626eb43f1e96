package io.opsbot.core.training;

import io.opsbot.core.availability.AvailabilityService;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.delivery.Outbox;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.ratelimit.PersonRateLimit;
import io.opsbot.core.schedule.Nudge;
import io.opsbot.core.schedule.NudgeScheduler;
import io.opsbot.core.sequence.SequenceService;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Trainings and acknowledged announcements. Invitations, reminders and announcement cards go to each person by DM
 * through the {@link Outbox}, keyed per (training, person, kind), so a reminder fired twice is sent once. The organizer
 * gets a card listing the answers that is edited in place as people answer.
 */
@Service
public class TrainingService {

    static final String REMINDER = "training.reminder";
    static final String ACK_REMINDER = "training.ack-reminder";
    /** Finishes a fan-out (invitations, announcement cards) whose request died half-way; removed when it did not. */
    static final String FAN_OUT = "training.fan-out";
    static final Duration FAN_OUT_GRACE = Duration.ofSeconds(30);
    static final String DAY_BEFORE = "24h";
    static final String SOON = "15m";
    static final Duration DAY_BEFORE_OFFSET = Duration.ofHours(24);
    static final Duration SOON_OFFSET = Duration.ofMinutes(15);

    private final MongoTemplate mongo;
    private final SequenceService sequences;
    private final Outbox outbox;
    private final NudgeScheduler nudges;
    private final AvailabilityService availability;
    private final ProfileService profiles;
    private final TrainingProperties properties;
    private final PersonRateLimit rateLimit;
    private final Clock clock;

    public TrainingService(MongoTemplate mongo, SequenceService sequences, Outbox outbox, NudgeScheduler nudges,
                           AvailabilityService availability, ProfileService profiles, TrainingProperties properties,
                           PersonRateLimit rateLimit, Clock clock) {
        this.rateLimit = rateLimit;
        this.mongo = mongo;
        this.sequences = sequences;
        this.outbox = outbox;
        this.nudges = nudges;
        this.availability = availability;
        this.profiles = profiles;
        this.properties = properties;
        this.clock = clock;
    }

    /** What the schedule form collected. */
    public record SessionDraft(String title, String description, String link, Instant startsAt, ZoneId zone,
                               List<UserRef> audience) {
    }

    /** What the announce form collected. */
    public record AnnouncementDraft(String title, String text, String link, List<UserRef> audience,
                                    Duration remindAfter) {
    }

    static String key(String id, UserRef person, String kind) {
        return id + ":" + person.userId() + ":" + kind;
    }

    static String organizerKey(String id) {
        return id + ":organizer";
    }

    // ---- trainings ------------------------------------------------------------------------------------------------

    public TrainingSession schedule(Invoker organizer, SessionDraft draft) {
        Instant now = clock.instant();
        if (!draft.startsAt().isAfter(now)) {
            throw new UserError("That time has already passed.");
        }
        TenantRef tenant = organizer.tenant();
        rateLimit.checkCreate(organizer.user());
        TrainingSession session = new TrainingSession(tenant, sequences.next("training:" + tenant.key()),
                organizer.user(), organizer.displayName(), draft.title(), draft.description(), draft.link(),
                draft.startsAt(), draft.zone(), draft.audience(), now);
        Nudge unfinished = fanOutGuard(session.getId(), now);
        mongo.insert(session);
        invite(session);
        scheduleReminders(session);
        nudges.remove(unfinished);
        return session;
    }

    /**
     * Everyone's invitation and the organizer's card, stored in one command and sent. Safe to repeat: what was stored
     * before is not stored or sent again.
     */
    private void invite(TrainingSession session) {
        List<Outbox.Outgoing> messages = new ArrayList<>();
        for (UserRef invitee : session.getAudience()) {
            messages.add(new Outbox.Outgoing(key(session.getId(), invitee, "invite"), new Destination.Direct(invitee),
                    TrainingCards.invitation(session, zoneOf(invitee, session), null), session.getStartsAt()));
        }
        messages.add(new Outbox.Outgoing(organizerKey(session.getId()), new Destination.Direct(session.getOrganizer()),
                organizerCard(session), null));
        outbox.enqueueAll(messages);
    }

    /**
     * A nudge that finishes the fan-out of {@code id} if the request doing it dies half-way (it fires on whichever
     * instance is up); removed once the fan-out is stored.
     */
    private Nudge fanOutGuard(String id, Instant now) {
        Nudge guard = new Nudge(FAN_OUT, id, "", now.plus(FAN_OUT_GRACE));
        nudges.schedule(guard);
        return guard;
    }

    /** Fired only when a fan-out's request died before it was stored: stores and sends what is missing. */
    void finishFanOut(String id) {
        findSession(id).filter(s -> s.getStatus() == TrainingSession.Status.SCHEDULED)
                .filter(s -> s.getStartsAt().isAfter(clock.instant()))
                .ifPresent(session -> {
                    invite(session);
                    scheduleReminders(session);
                });
        findAnnouncement(id).ifPresent(announcement -> {
            sendAnnouncement(announcement);
            nudges.schedule(new Nudge(ACK_REMINDER, announcement.getId(), "", announcement.getRemindAt()));
        });
    }

    public Optional<TrainingSession> findSession(String id) {
        return Optional.ofNullable(mongo.findById(id, TrainingSession.class));
    }

    public Optional<TrainingSession> findSession(TenantRef tenant, long number) {
        return findSession(tenant.key() + ":TR-" + number);
    }

    /** An invitee's answer; the organizer's card is updated. */
    public TrainingSession rsvp(UserRef person, String sessionId, TrainingSession.Answer answer) {
        TrainingSession session = findSession(sessionId)
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
        outbox.update(organizerKey(sessionId), organizerCard(updated));
        return updated;
    }

    /** Sends one reminder kind to everyone attending who is not away that day, once each. */
    void remind(String sessionId, String kind) {
        TrainingSession session = findSession(sessionId).orElse(null);
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
            outbox.enqueue(key(sessionId, attendee, kind), new Destination.Direct(attendee),
                    TrainingCards.reminder(session, kind, zone), session.getStartsAt());
        }
    }

    private void scheduleReminders(TrainingSession session) {
        Instant now = clock.instant();
        Instant dayBefore = session.getStartsAt().minus(DAY_BEFORE_OFFSET);
        // Scheduled less than a day ahead: the invitation itself is the day-before notice.
        if (dayBefore.isAfter(session.getCreatedAt())) {
            nudges.schedule(new Nudge(REMINDER, session.getId(), DAY_BEFORE, max(dayBefore, now)));
        }
        Instant soon = session.getStartsAt().minus(SOON_OFFSET);
        if (soon.isAfter(session.getCreatedAt())) {
            nudges.schedule(new Nudge(REMINDER, session.getId(), SOON, max(soon, now)));
        }
    }

    public List<TrainingSession> organizedBy(UserRef organizer) {
        return mongo.find(Query.query(Criteria.where("organizer").is(organizer).and("startsAt")
                .gt(clock.instant().minus(Duration.ofDays(7)))).with(Sort.by("startsAt")), TrainingSession.class);
    }

    public List<TrainingSession> invitations(UserRef person) {
        return mongo.find(Query.query(Criteria.where("audience").is(person).and("status")
                .is(TrainingSession.Status.SCHEDULED).and("startsAt").gt(clock.instant()))
                .with(Sort.by("startsAt")), TrainingSession.class);
    }

    // ---- announcements --------------------------------------------------------------------------------------------

    public Announcement announce(Invoker organizer, AnnouncementDraft draft) {
        Instant now = clock.instant();
        TenantRef tenant = organizer.tenant();
        rateLimit.checkCreate(organizer.user());
        Duration after = draft.remindAfter() != null ? draft.remindAfter() : properties.getAckReminderAfter();
        Announcement announcement = new Announcement(tenant, sequences.next("announcement:" + tenant.key()),
                organizer.user(), organizer.displayName(), draft.title(), draft.text(), draft.link(),
                draft.audience(), now, now.plus(after));
        Nudge unfinished = fanOutGuard(announcement.getId(), now);
        mongo.insert(announcement);
        sendAnnouncement(announcement);
        nudges.schedule(new Nudge(ACK_REMINDER, announcement.getId(), "", announcement.getRemindAt()));
        nudges.remove(unfinished);
        return announcement;
    }

    private void sendAnnouncement(Announcement announcement) {
        List<Outbox.Outgoing> messages = new ArrayList<>();
        for (UserRef person : announcement.getAudience()) {
            messages.add(new Outbox.Outgoing(key(announcement.getId(), person, "announce"),
                    new Destination.Direct(person), TrainingCards.announcement(announcement, false), null));
        }
        messages.add(new Outbox.Outgoing(organizerKey(announcement.getId()),
                new Destination.Direct(announcement.getOrganizer()), organizerCard(announcement), null));
        outbox.enqueueAll(messages);
    }

    public Optional<Announcement> findAnnouncement(String id) {
        return Optional.ofNullable(mongo.findById(id, Announcement.class));
    }

    public Optional<Announcement> findAnnouncement(TenantRef tenant, long number) {
        return findAnnouncement(tenant.key() + ":AN-" + number);
    }

    public Announcement acknowledge(UserRef person, String announcementId) {
        Announcement announcement = findAnnouncement(announcementId)
                .orElseThrow(() -> new UserError("That announcement no longer exists."));
        if (!announcement.getAudience().contains(person)) {
            throw new UserError("This announcement was sent to someone else.");
        }
        if (announcement.acknowledged(person)) {
            return announcement;
        }
        Announcement updated = mongo.findAndModify(Query.query(Criteria.where("_id").is(announcementId)
                        .and("acks." + person.userId()).exists(false)),
                new Update().set("acks." + person.userId(), clock.instant()),
                FindAndModifyOptions.options().returnNew(true), Announcement.class);
        Announcement now = updated != null ? updated : findAnnouncement(announcementId).orElseThrow();
        outbox.update(organizerKey(announcementId), organizerCard(now));
        return now;
    }

    /**
     * Reminds everyone who has not acknowledged, once each. Someone away today (out of office, a holiday) is reminded
     * on their next day in instead.
     */
    void remindUnacknowledged(String announcementId) {
        Announcement announcement = findAnnouncement(announcementId).orElse(null);
        if (announcement == null) {
            return;
        }
        Instant now = clock.instant();
        TreeSet<Instant> later = new TreeSet<>();
        for (UserRef person : announcement.pending()) {
            ZoneId zone = profiles.zone(person, ZoneId.of("UTC"));
            LocalDate today = now.atZone(zone).toLocalDate();
            if (availability.on(person, today, List.of()).available()) {
                outbox.enqueue(key(announcementId, person, "reminder"), new Destination.Direct(person),
                        TrainingCards.announcementReminder(announcement), null);
            } else if (outbox.find(key(announcementId, person, "reminder")).isEmpty()) {
                later.add(nextDayIn(person, today.plusDays(1), zone));
            }
        }
        if (!later.isEmpty()) {
            nudges.schedule(new Nudge(ACK_REMINDER, announcementId, "later", later.first()));
        }
    }

    private Instant nextDayIn(UserRef person, LocalDate from, ZoneId zone) {
        LocalDate day = from;
        for (int i = 0; i < 366 && !availability.on(person, day, List.of()).available(); i++) {
            day = day.plusDays(1);
        }
        return ZonedDateTime.of(day, properties.getReminderTime(), zone).toInstant();
    }

    public List<Announcement> announcedBy(UserRef organizer) {
        return mongo.find(Query.query(Criteria.where("organizer").is(organizer).and("createdAt")
                .gt(clock.instant().minus(Duration.ofDays(30)))).with(Sort.by("createdAt")), Announcement.class);
    }

    public List<Announcement> awaitingAck(UserRef person) {
        return mongo.find(Query.query(Criteria.where("audience").is(person).and("acks." + person.userId())
                .exists(false)).with(Sort.by("createdAt")), Announcement.class);
    }

    // ---- start-up -------------------------------------------------------------------------------------------------

    /** Re-creates the reminders of trainings still to come and of announcements still waiting for answers. */
    void rebuild() {
        Instant now = clock.instant();
        for (TrainingSession session : mongo.find(Query.query(Criteria.where("status")
                .is(TrainingSession.Status.SCHEDULED).and("startsAt").gt(now)), TrainingSession.class)) {
            scheduleReminders(session);
        }
        for (Announcement announcement : mongo.find(Query.query(Criteria.where("createdAt")
                .gt(now.minus(Duration.ofDays(30)))), Announcement.class)) {
            if (!announcement.pending().isEmpty()) {
                nudges.schedule(new Nudge(ACK_REMINDER, announcement.getId(), "",
                        max(announcement.getRemindAt(), now)));
            }
        }
    }

    // ---- cards that need names --------------------------------------------------------------------------------------

    ZoneId zoneOf(UserRef person, TrainingSession session) {
        return profiles.zone(person, session.zone());
    }

    private io.opsbot.core.message.Message organizerCard(TrainingSession session) {
        return TrainingCards.organizer(session, profiles::displayName);
    }

    private io.opsbot.core.message.Message organizerCard(Announcement announcement) {
        return TrainingCards.organizer(announcement, profiles::displayName);
    }

    public io.opsbot.core.message.Message status(TrainingSession session) {
        return organizerCard(session);
    }

    public io.opsbot.core.message.Message status(Announcement announcement) {
        return organizerCard(announcement);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
