package io.opsbot.core.blocker;

import io.opsbot.core.reference.Reference;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * One blocker a person reported, numbered per tenant (BL-4), open until they (or someone who runs the ritual) mark it
 * resolved. Its id is derived from the occurrence it was raised in and its text, so raising it again from the same answer (a
 * resubmission, a second instance) finds it instead of adding one.
 */
@Document(Blocker.COLLECTION)
@CompoundIndexes({
        @CompoundIndex(name = "blockers_tenant_number", def = "{'tenant': 1, 'number': 1}", unique = true),
        @CompoundIndex(name = "blockers_source_open", def = "{'sourceId': 1, 'resolvedAt': 1}"),
        @CompoundIndex(name = "blockers_key_result_open", def = "{'keyResultId': 1, 'resolvedAt': 1}")
})
public class Blocker {

    public static final String COLLECTION = "blockers";
    public static final Reference.Kind KIND = new Reference.Kind("BL", "blocker");

    @Id
    private String id;
    private TenantRef tenant;
    private long number;
    /** The kind of ritual it came from ({@code standup}) and which one, by id and name. */
    private String ritual;
    private String sourceId;
    private String sourceName;
    /** The occurrence it was raised in (a person's standup day); an edit of that day may withdraw it. */
    private String occurrence;
    private UserRef author;
    private String authorName;
    private String text;
    private LocalDate raisedOn;
    private Instant raisedAt;
    /** The key result it names, in the same tenant, if any. */
    private String keyResultId;
    private String keyResultRef;
    private String keyResultTitle;
    private UserRef keyResultOwner;
    private Instant resolvedAt;
    private UserRef resolvedBy;

    protected Blocker() {
    }

    Blocker(String id, long number, Raised raised, KeyResultLinks.Linked keyResult, Instant now) {
        this.id = id;
        this.tenant = raised.tenant();
        this.number = number;
        this.ritual = raised.ritual();
        this.sourceId = raised.sourceId();
        this.sourceName = raised.sourceName();
        this.occurrence = raised.occurrence();
        this.author = raised.author();
        this.authorName = raised.authorName();
        this.text = raised.text().strip();
        this.raisedOn = raised.on();
        this.raisedAt = now;
        if (keyResult != null) {
            this.keyResultId = keyResult.id();
            this.keyResultRef = keyResult.reference();
            this.keyResultTitle = keyResult.title();
            this.keyResultOwner = keyResult.owner();
        }
    }

    /**
     * What a ritual reports: in which tenant's ritual and occurrence (its key, and the day it is for), who (maybe on
     * the other platform, through a linked identity), and the text.
     */
    public record Raised(TenantRef tenant, String ritual, String sourceId, String sourceName, String occurrence,
                         UserRef author, String authorName, LocalDate on, String text) {
    }

    public Reference reference() {
        return KIND.of(number);
    }

    /** Day 1 is the day it was raised: {@code day 3} two days later. */
    public long dayOn(LocalDate date) {
        return ChronoUnit.DAYS.between(raisedOn, date) + 1;
    }

    public boolean open() {
        return resolvedAt == null;
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

    public String getRitual() {
        return ritual;
    }

    public String getSourceId() {
        return sourceId;
    }

    public String getSourceName() {
        return sourceName;
    }

    public String getOccurrence() {
        return occurrence;
    }

    public UserRef getAuthor() {
        return author;
    }

    public String getAuthorName() {
        return authorName;
    }

    public String getText() {
        return text;
    }

    public LocalDate getRaisedOn() {
        return raisedOn;
    }

    public Instant getRaisedAt() {
        return raisedAt;
    }

    public String getKeyResultId() {
        return keyResultId;
    }

    public String getKeyResultRef() {
        return keyResultRef;
    }

    public String getKeyResultTitle() {
        return keyResultTitle;
    }

    public UserRef getKeyResultOwner() {
        return keyResultOwner;
    }

    public Instant getResolvedAt() {
        return resolvedAt;
    }

    public UserRef getResolvedBy() {
        return resolvedBy;
    }
}
