package io.opsbot.core.training;

import io.opsbot.core.reference.Reference;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scheduled training (TR-3): when, in the organizer's IANA zone (the instant is computed from it once), who is
 * invited, and each invitee's answer (by user id; everyone here is of the session's tenant). {@code sequence} counts
 * the changes (edits, the cancellation) invitees were told of: the calendar file's SEQUENCE, and part of the outbox
 * keys of what each change sends, so each change is told once.
 */
@Document("training_sessions")
// The dashboard lists a tenant's trainings by date.
@CompoundIndex(name = "training_tenant_starts", def = "{'tenant': 1, 'startsAt': -1}")
public class TrainingSession {

    public static final Reference.Kind KIND = new Reference.Kind("TR", "training");

    public enum Answer { ATTENDING, DECLINED }

    public enum Status { SCHEDULED, CANCELLED }

    public record Rsvp(Answer answer, Instant at) {
    }

    @Id
    private String id;
    private TenantRef tenant;
    private long number;
    private UserRef organizer;
    private String organizerName;
    private String title;
    private String description;
    private String link;
    private Instant startsAt;
    private String zone;
    private List<UserRef> audience = new ArrayList<>();
    private Map<String, Rsvp> rsvps = new LinkedHashMap<>();
    private Status status;
    private Instant createdAt;
    private int sequence;
    /** When it was last edited (null: never); reminders a day before are only sent if that is after this. */
    private Instant changedAt;

    protected TrainingSession() {
    }

    TrainingSession(TenantRef tenant, long number, UserRef organizer, String organizerName, String title,
                    String description, String link, Instant startsAt, ZoneId zone, List<UserRef> audience,
                    Instant now) {
        this.id = id(tenant, KIND.of(number));
        this.tenant = tenant;
        this.number = number;
        this.organizer = organizer;
        this.organizerName = organizerName;
        this.title = title;
        this.description = description;
        this.link = link;
        this.startsAt = startsAt;
        this.zone = zone.getId();
        this.audience = new ArrayList<>(audience);
        this.status = Status.SCHEDULED;
        this.createdAt = now;
    }

    public Reference reference() {
        return KIND.of(number);
    }

    /** The id of a tenant's training or announcement: its tenant and its number, {@code SLACK:T1:TR-3}. */
    static String id(TenantRef tenant, Reference reference) {
        return tenant.key() + ":" + reference;
    }

    public String getId() {
        return id;
    }

    public TenantRef getTenant() {
        return tenant;
    }

    public long getNumber() {
        return number;
    }

    public UserRef getOrganizer() {
        return organizer;
    }

    public String getOrganizerName() {
        return organizerName;
    }

    public String getTitle() {
        return title;
    }

    public String getDescription() {
        return description;
    }

    public String getLink() {
        return link;
    }

    public Instant getStartsAt() {
        return startsAt;
    }

    public ZoneId zone() {
        return ZoneId.of(zone);
    }

    public List<UserRef> getAudience() {
        return audience;
    }

    public Map<String, Rsvp> getRsvps() {
        return rsvps;
    }

    public Status getStatus() {
        return status;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public int getSequence() {
        return sequence;
    }

    public Instant getChangedAt() {
        return changedAt;
    }

    /** When the time it starts at was last set: scheduled, or edited since. */
    Instant timeSetAt() {
        return changedAt != null ? changedAt : createdAt;
    }

    public Answer answerOf(UserRef user) {
        Rsvp rsvp = rsvps.get(user.userId());
        return rsvp == null ? null : rsvp.answer();
    }

    public List<UserRef> with(Answer answer) {
        return audience.stream().filter(u -> answerOf(u) == answer).toList();
    }

    public List<UserRef> unanswered() {
        return audience.stream().filter(u -> answerOf(u) == null).toList();
    }
}
