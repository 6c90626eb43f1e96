package io.opsbot.core.feedback;

import io.opsbot.core.gateway.Destination;
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
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** One piece of feedback, scoped to its tenant, numbered per tenant (FB-12). */
@Document(FeedbackItem.COLLECTION)
// The unique index also guards the per-tenant numbering.
@CompoundIndex(name = "tenant_number", def = "{'tenant': 1, 'number': 1}", unique = true)
@CompoundIndex(name = "tenant_recent", def = "{'tenant': 1, 'createdAt': -1}")
@CompoundIndex(name = "reporter_recent", def = "{'reporter': 1, 'createdAt': -1}")
// Finding what a person voted for (closing the loop tells every voter).
@CompoundIndex(name = "voters", def = "{'votes.voterKey': 1}")
// A Jira or Trello webhook finds the item its issue or card is linked to.
@CompoundIndex(name = "tracker_link", def = "{'tenant': 1, 'trackerLink.kind': 1, 'trackerLink.key': 1}")
public class FeedbackItem {

    public static final String COLLECTION = "feedback";
    public static final Reference.Kind KIND = new Reference.Kind("FB", "feedback item");

    @Id
    private String id;
    private TenantRef tenant;
    private long number;
    private UserRef reporter;
    private String reporterName;
    private String summary;
    private String details;
    private FeedbackType type;
    private String area;
    private String customer;
    private Integer impact;
    private String link;
    private FeedbackSource source;
    private FeedbackStatus status = FeedbackStatus.NEW;
    private List<StatusChange> history = new ArrayList<>();
    /** The person who looks after it (set by a triager). */
    private UserRef owner;
    private String ownerName;
    /** One per person, the reporter's own first (items from before votes have none until someone votes). */
    private List<Vote> votes = new ArrayList<>();
    /** {@code votes.size()}, kept by the same atomic updates, so items can be sorted and shown by votes. */
    private int voteCount;
    /** For a {@link FeedbackStatus#DUPLICATE}: the item it was merged into. */
    private String duplicateOfId;
    private Long duplicateOfNumber;
    /** Items merged into this one, and the people who had reported them. */
    private List<Long> mergedNumbers = new ArrayList<>();
    private List<Vote> mergedReporters = new ArrayList<>();
    /** The open item this one looked like when it was captured, if any. */
    private DuplicateHint duplicateHint;
    /** The Jira issue or Trello card engineering tracks it in, if linked. */
    private TrackerLink trackerLink;
    /** The thread of the message it was saved from ("Save as feedback"), told when it ships or is declined. */
    private Destination.Channel sourceThread;
    private boolean awaitingTriageChannel;
    /**
     * Read from items saved before {@link PendingTriagePosts} kept the pending posts (in a collection of their own,
     * which the minutely look reads instead of scanning every item); new items leave it false.
     */
    private boolean triagePending;
    /** Its triage post was given up on (the channel unreachable): kept to be posted when a channel works again. */
    private boolean triageUndelivered;
    private Instant createdAt;
    private Instant updatedAt;

    protected FeedbackItem() {
    }

    public FeedbackItem(TenantRef tenant, long number, UserRef reporter, String reporterName, FeedbackDraft draft,
                        FeedbackSource source, Instant now) {
        this.tenant = tenant;
        this.number = number;
        this.reporter = reporter;
        this.reporterName = reporterName;
        this.summary = draft.summary();
        this.details = draft.details();
        this.type = draft.type();
        this.area = draft.area();
        this.customer = draft.customer();
        this.impact = draft.impact();
        this.link = draft.link();
        this.source = source;
        this.createdAt = now;
        this.updatedAt = now;
        this.votes.add(Vote.of(reporter, reporterName, draft.customer(), Vote.Source.REPORTER, now));
        this.voteCount = 1;
    }

    /** Saved under this id (chosen before the save, so its pending triage post can be marked first). */
    FeedbackItem withId(String id) {
        this.id = id;
        return this;
    }

    /** Remembers the thread of the message it was saved from. */
    FeedbackItem withSourceThread(Destination.Channel thread) {
        this.sourceThread = thread;
        return this;
    }

    /** Saved in a tenant without a triage channel: posted once one is set ({@link FeedbackTriage#releaseWaiting}). */
    FeedbackItem withAwaitingTriageChannel(boolean awaiting) {
        this.awaitingTriageChannel = awaiting;
        return this;
    }

    /** Remembers the open item this one looked like at capture, for the triage card. */
    FeedbackItem withDuplicateHint(DuplicateHint hint) {
        this.duplicateHint = hint;
        return this;
    }

    /** The number people use: FB-12. */
    public Reference reference() {
        return KIND.of(number);
    }

    public void changeStatus(FeedbackStatus to, UserRef by, String byName, Instant now) {
        history.add(new StatusChange(status, to, by, byName, now));
        status = to;
        updatedAt = now;
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

    public UserRef getReporter() {
        return reporter;
    }

    public String getReporterName() {
        return reporterName;
    }

    public String getSummary() {
        return summary;
    }

    public String getDetails() {
        return details;
    }

    public FeedbackType getType() {
        return type;
    }

    public String getArea() {
        return area;
    }

    public String getCustomer() {
        return customer;
    }

    public Integer getImpact() {
        return impact;
    }

    public String getLink() {
        return link;
    }

    public FeedbackSource getSource() {
        return source;
    }

    public FeedbackStatus getStatus() {
        return status;
    }

    public List<StatusChange> getHistory() {
        return List.copyOf(history);
    }

    public UserRef getOwner() {
        return owner;
    }

    public String getOwnerName() {
        return ownerName;
    }

    public List<Vote> getVotes() {
        return votes == null ? List.of() : List.copyOf(votes);
    }

    public int getVoteCount() {
        return voteCount;
    }

    public boolean hasVoteOf(UserRef person) {
        return getVotes().stream().anyMatch(v -> v.voterKey().equals(person.key()));
    }

    public String getDuplicateOfId() {
        return duplicateOfId;
    }

    /** FB-12 for a duplicate merged into FB-12; null otherwise. */
    public Reference duplicateOf() {
        return duplicateOfNumber == null ? null : KIND.of(duplicateOfNumber);
    }

    public List<Reference> mergedItems() {
        return mergedNumbers == null ? List.of() : mergedNumbers.stream().map(KIND::of).toList();
    }

    public List<Vote> getMergedReporters() {
        return mergedReporters == null ? List.of() : List.copyOf(mergedReporters);
    }

    public TrackerLink getTrackerLink() {
        return trackerLink;
    }

    public Destination.Channel getSourceThread() {
        return sourceThread;
    }

    public DuplicateHint getDuplicateHint() {
        return duplicateHint;
    }

    /**
     * Everyone who asked for it, once each: the reporter, the reporters of items merged into it, and every voter, in
     * that order. Who is told when it changes.
     */
    public List<Asker> askers() {
        Map<String, Asker> people = new LinkedHashMap<>();
        people.put(reporter.key(), new Asker(reporter, reporterName, customer));
        Stream.concat(getMergedReporters().stream(), getVotes().stream())
                .forEach(v -> people.merge(v.voterKey(), new Asker(v.voter(), v.voterName(), v.customer()),
                        (known, later) -> known.customer() == null ? later : known));
        return List.copyOf(people.values());
    }

    /** The customers or accounts who asked, each once (as first written), in the order they asked. */
    public List<String> customers() {
        Map<String, String> seen = new LinkedHashMap<>();
        Stream.concat(Stream.of(customer), Stream.concat(getMergedReporters().stream(), getVotes().stream())
                        .map(Vote::customer))
                .filter(c -> c != null && !c.isBlank())
                .forEach(c -> seen.putIfAbsent(c.strip().toLowerCase(Locale.ROOT), c.strip()));
        return List.copyOf(seen.values());
    }

    /** A person who asked for an item, with the customer they asked for (null if none). */
    public record Asker(UserRef user, String name, String customer) {
    }

    /** Saved by a version before {@link PendingTriagePosts}, its triage post perhaps never queued (adopted there). */
    public boolean isTriagePending() {
        return triagePending;
    }

    public boolean isAwaitingTriageChannel() {
        return awaitingTriageChannel;
    }

    public boolean isTriageUndelivered() {
        return triageUndelivered;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
