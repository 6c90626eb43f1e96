package io.opsbot.core.training;

import io.opsbot.core.reference.Reference;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A new process or tool people must acknowledge (AN-2): who it went to, who acknowledged when, when to remind. */
// The dashboard lists a tenant's announcements, newest first.
@CompoundIndex(name = "announcement_tenant_created", def = "{'tenant': 1, 'createdAt': -1}")
@Document("training_announcements")
public class Announcement {

    public static final Reference.Kind KIND = new Reference.Kind("AN", "announcement");

    @Id
    private String id;
    private TenantRef tenant;
    private long number;
    private UserRef organizer;
    private String organizerName;
    private String title;
    private String text;
    private String link;
    private List<UserRef> audience = new ArrayList<>();
    private Map<String, Instant> acks = new LinkedHashMap<>();
    private Instant createdAt;
    private Instant remindAt;

    protected Announcement() {
    }

    Announcement(TenantRef tenant, long number, UserRef organizer, String organizerName, String title, String text,
                 String link, List<UserRef> audience, Instant now, Instant remindAt) {
        this.id = TrainingSession.id(tenant, KIND.of(number));
        this.tenant = tenant;
        this.number = number;
        this.organizer = organizer;
        this.organizerName = organizerName;
        this.title = title;
        this.text = text;
        this.link = link;
        this.audience = new ArrayList<>(audience);
        this.createdAt = now;
        this.remindAt = remindAt;
    }

    public Reference reference() {
        return KIND.of(number);
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

    public String getText() {
        return text;
    }

    public String getLink() {
        return link;
    }

    public List<UserRef> getAudience() {
        return audience;
    }

    public Map<String, Instant> getAcks() {
        return acks;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getRemindAt() {
        return remindAt;
    }

    public boolean acknowledged(UserRef user) {
        return acks.containsKey(user.userId());
    }

    public List<UserRef> pending() {
        return audience.stream().filter(u -> !acknowledged(u)).toList();
    }
}
