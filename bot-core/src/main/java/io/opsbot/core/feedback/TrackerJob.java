package io.opsbot.core.feedback;

import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * A Jira issue or Trello card to create for an item, stored when the service was down or rate-limited so it is tried
 * again (as Retry-After asks, else backing off) until it works or the attempts run out, and the person who asked is
 * told either way. {@code target} is {@code projectId:issueTypeId} for Jira, the list id for Trello.
 */
@Document(TrackerJob.COLLECTION)
public class TrackerJob {

    public static final String COLLECTION = "tracker_jobs";

    enum State { PENDING, DONE, FAILED }

    @Id
    private String id;
    /** Whose it is (so deleting a tenant's data finds it). */
    private TenantRef tenant;
    private String itemId;
    private TrackerKind kind;
    private String target;
    private String title;
    private UserRef requestedBy;
    private String requestedByName;
    private int attempts;
    private State state = State.PENDING;
    @Indexed
    private Instant nextAttemptAt;
    private String lastError;
    private Instant createdAt;

    protected TrackerJob() {
    }

    TrackerJob(String id, String itemId, TrackerKind kind, String target, String title, UserRef requestedBy,
               String requestedByName, Instant nextAttemptAt, String lastError, Instant now) {
        this.id = id;
        this.tenant = requestedBy.tenant();
        this.itemId = itemId;
        this.kind = kind;
        this.target = target;
        this.title = title;
        this.requestedBy = requestedBy;
        this.requestedByName = requestedByName;
        this.attempts = 1;
        this.nextAttemptAt = nextAttemptAt;
        this.lastError = lastError;
        this.createdAt = now;
    }

    public String getId() {
        return id;
    }

    public TenantRef getTenant() {
        return tenant;
    }

    public String getItemId() {
        return itemId;
    }

    public TrackerKind getKind() {
        return kind;
    }

    public String getTarget() {
        return target;
    }

    public String getTitle() {
        return title;
    }

    public UserRef getRequestedBy() {
        return requestedBy;
    }

    public String getRequestedByName() {
        return requestedByName;
    }

    public int getAttempts() {
        return attempts;
    }

    public State getState() {
        return state;
    }

    public Instant getNextAttemptAt() {
        return nextAttemptAt;
    }

    public String getLastError() {
        return lastError;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
