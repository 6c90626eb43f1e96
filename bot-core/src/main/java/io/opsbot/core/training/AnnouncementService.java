package io.opsbot.core.training;

import io.opsbot.core.audit.AuditLog;
import io.opsbot.core.availability.AvailabilityService;
import io.opsbot.core.conversation.Drafts;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.delivery.Outbox;
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
 * Announcements of a new process or tool that people acknowledge: a card to each person by DM through the
 * {@link Outbox} (keyed per announcement and person), one reminder for those who have not acknowledged (on their next
 * day in when away), and the organizer's card of who has, edited in place.
 */
@Service
public class AnnouncementService {

    private final AnnouncementRepository announcements;
    private final MongoTemplate mongo;
    private final SequenceService sequences;
    private final Outbox outbox;
    private final NudgeScheduler nudges;
    private final AvailabilityService availability;
    private final ProfileService profiles;
    private final TrainingProperties properties;
    private final Drafts drafts;
    private final PersonRateLimit rateLimit;
    private final AuditLog audit;
    /** Invitees who linked the other platform and chose it are sent their cards there. */
    private final IdentityLinks identities;
    private final Clock clock;

    public AnnouncementService(AnnouncementRepository announcements, MongoTemplate mongo, SequenceService sequences,
                               Outbox outbox, NudgeScheduler nudges, AvailabilityService availability,
                               ProfileService profiles, TrainingProperties properties, Drafts drafts,
                               PersonRateLimit rateLimit, AuditLog audit, IdentityLinks identities,
            Clock clock) {
        this.identities = identities;
        this.audit = audit;
        this.announcements = announcements;
        this.mongo = mongo;
        this.sequences = sequences;
        this.outbox = outbox;
        this.nudges = nudges;
        this.availability = availability;
        this.profiles = profiles;
        this.properties = properties;
        this.drafts = drafts;
        this.rateLimit = rateLimit;
        this.clock = clock;
    }

    public Announcement announce(Invoker organizer, AnnouncementDraft draft) {
        drafts.check(draft);
        Instant now = clock.instant();
        TenantRef tenant = organizer.tenant();
        rateLimit.checkCreate(organizer.user());
        Duration after = draft.remindAfter() != null ? draft.remindAfter() : properties.ackReminderAfter();
        Announcement announcement = new Announcement(tenant, sequences.next("announcement:" + tenant.key()),
                organizer.user(), organizer.displayName(), draft.title().strip(), draft.text(), draft.link(),
                draft.audience(), now, now.plus(after));
        Nudge unfinished = TrainingNudges.fanOutGuard(nudges, announcement.getId(), now);
        announcement = announcements.insert(announcement);
        send(announcement);
        nudges.remove(unfinished);
        audit.record(organizer.actor(), "training.announce", announcement.reference().toString(), null,
                announcement.getTitle() + "; " + announcement.getAudience().size() + " to acknowledge");
        return announcement;
    }

    /**
     * Everyone's card and the organizer's, stored in one command and sent, and the reminder scheduled. Safe to repeat:
     * what was stored before is not stored or sent again.
     */
    private void send(Announcement announcement) {
        List<Outbox.Outgoing> messages = new ArrayList<>();
        for (UserRef person : announcement.getAudience()) {
            messages.add(new Outbox.Outgoing(TrainingKeys.key(announcement.getId(), person, "announce"),
                    new Destination.Direct(identities.reachAt(person)), TrainingCards.announcement(announcement, false), null));
        }
        messages.add(new Outbox.Outgoing(TrainingKeys.organizerKey(announcement.getId()),
                new Destination.Direct(announcement.getOrganizer()), status(announcement), null));
        outbox.enqueueAll(messages);
        nudges.schedule(new Nudge(TrainingNudges.ACK_REMINDER, announcement.getId(), "", announcement.getRemindAt()));
    }

    /** Fired only when an announcing request died before its cards were stored: stores and sends what is missing. */
    void finishFanOut(String id) {
        find(id).ifPresent(this::send);
    }

    public Optional<Announcement> find(String id) {
        return announcements.findById(id);
    }

    /** By its number, {@code AN-2}, within the tenant. */
    public Optional<Announcement> find(TenantRef tenant, Reference reference) {
        return reference.is(Announcement.KIND) ? find(TrainingSession.id(tenant, reference)) : Optional.empty();
    }

    public Announcement acknowledge(UserRef person, String announcementId) {
        Announcement announcement = find(announcementId)
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
        Announcement now = updated != null ? updated : find(announcementId).orElseThrow();
        outbox.update(TrainingKeys.organizerKey(announcementId), status(now));
        return now;
    }

    /**
     * Reminds everyone who has not acknowledged, once each. Someone away today (out of office, a holiday) is reminded
     * on their next day in instead.
     */
    void remindUnacknowledged(String announcementId) {
        Announcement announcement = find(announcementId).orElse(null);
        if (announcement == null) {
            return;
        }
        Instant now = clock.instant();
        TreeSet<Instant> later = new TreeSet<>();
        for (UserRef person : announcement.pending()) {
            ZoneId zone = profiles.zone(person, ZoneId.of("UTC"));
            LocalDate today = now.atZone(zone).toLocalDate();
            String key = TrainingKeys.key(announcementId, person, "reminder");
            if (availability.on(person, today, List.of()).available()) {
                outbox.enqueue(key, new Destination.Direct(identities.reachAt(person)), TrainingCards.announcementReminder(announcement),
                        null);
            } else if (outbox.find(key).isEmpty()) {
                later.add(nextDayIn(person, today.plusDays(1), zone));
            }
        }
        if (!later.isEmpty()) {
            nudges.schedule(new Nudge(TrainingNudges.ACK_REMINDER, announcementId, "later", later.first()));
        }
    }

    private Instant nextDayIn(UserRef person, LocalDate from, ZoneId zone) {
        LocalDate day = from;
        for (int i = 0; i < 366 && !availability.on(person, day, List.of()).available(); i++) {
            day = day.plusDays(1);
        }
        return ZonedDateTime.of(day, properties.reminderTime(), zone).toInstant();
    }

    /** What a person announced in the last 30 days. */
    public List<Announcement> announcedBy(UserRef organizer) {
        return announcements.findByOrganizerAndCreatedAtAfterOrderByCreatedAt(organizer,
                clock.instant().minus(Duration.ofDays(30)));
    }

    /** What a person has been sent and not acknowledged. */
    public List<Announcement> awaitingAck(UserRef person) {
        // A query rather than a repository method: the field to look at is named after the person.
        return mongo.find(Query.query(Criteria.where("audience").is(person).and("acks." + person.userId())
                .exists(false)).with(Sort.by("createdAt")), Announcement.class);
    }

    /** Re-creates the reminders of announcements still waiting for answers (at start-up). */
    void rebuild() {
        Instant now = clock.instant();
        for (Announcement announcement : announcements.findByCreatedAtAfter(now.minus(Duration.ofDays(30)))) {
            if (!announcement.pending().isEmpty()) {
                nudges.schedule(new Nudge(TrainingNudges.ACK_REMINDER, announcement.getId(), "",
                        TrainingSessionService.latest(announcement.getRemindAt(), now)));
            }
        }
    }

    /** Who has acknowledged and who not yet: the organizer's card. */
    public Message status(Announcement announcement) {
        return TrainingCards.organizer(announcement, profiles::displayName);
    }
}
