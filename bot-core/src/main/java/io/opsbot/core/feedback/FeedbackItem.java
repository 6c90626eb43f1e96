package io.opsbot.core.feedback;

import io.opsbot.core.reference.Reference;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One piece of feedback, scoped to its tenant, numbered per tenant (FB-12). */
@Document(FeedbackItem.COLLECTION)
// The unique index also guards the per-tenant numbering.
@CompoundIndex(name = "tenant_number", def = "{'tenant': 1, 'number': 1}", unique = true)
@CompoundIndex(name = "tenant_recent", def = "{'tenant': 1, 'createdAt': -1}")
@CompoundIndex(name = "reporter_recent", def = "{'reporter': 1, 'createdAt': -1}")
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
    private boolean awaitingTriageChannel;
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

    /** True while the item waits for its tenant to choose a triage channel. */
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
