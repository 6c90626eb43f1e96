package io.opsbot.core.audit;

import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * One change, appended and never edited: in which tenant, when, who (and their name then), from where, what
 * ({@code action}, a dotted key such as {@code feedback.status}, and its {@code subject}, such as {@code FB-12}), and
 * the value before and after where that makes sense. Read newest first per tenant, which the index serves.
 */
@Document(AuditEntry.COLLECTION)
@CompoundIndex(name = "audit_tenant_at", def = "{'tenant': 1, 'at': -1}")
public class AuditEntry {

    public static final String COLLECTION = "audit_log";

    @Id
    private String id;
    private TenantRef tenant;
    private Instant at;
    private UserRef actor;
    private String actorName;
    private String via;
    private String action;
    private String subject;
    /** The person the change was about (a role given, an onboarding stopped), when it was about one. */
    private UserRef person;
    private String before;
    private String after;

    protected AuditEntry() {
    }

    AuditEntry(Actor actor, Instant at, String action, String subject, UserRef person, String before, String after) {
        this.person = person;
        this.tenant = actor.user().tenant();
        this.at = at;
        this.actor = actor.user();
        this.actorName = actor.name();
        this.via = actor.via();
        this.action = action;
        this.subject = subject;
        this.before = before;
        this.after = after;
    }

    public String getId() {
        return id;
    }

    public TenantRef getTenant() {
        return tenant;
    }

    public Instant getAt() {
        return at;
    }

    public UserRef getActor() {
        return actor;
    }

    public String getActorName() {
        return actorName;
    }

    /** Where the change was made: {@code SLACK}, {@code TEAMS}, or the front end that named itself. */
    public String getVia() {
        return via;
    }

    public String getAction() {
        return action;
    }

    public String getSubject() {
        return subject;
    }

    /** The person the change was about, if it was about one; {@link #getSubject} is then their user id. */
    public UserRef getPerson() {
        return person;
    }

    /** The value before the change; null for a creation or where no value applies. */
    public String getBefore() {
        return before;
    }

    /** The value after it; null for a deletion or where no value applies. */
    public String getAfter() {
        return after;
    }
}
