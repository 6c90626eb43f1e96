package io.opsbot.core.okr;

import io.opsbot.core.reference.Reference;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * An objective of a cycle, numbered per tenant (O-3). {@code parentId} aligns it with a higher objective (a company
 * OKR); {@code team} groups objectives for reports ("growth", "platform").
 */
@Document(Objective.COLLECTION)
@CompoundIndex(name = "okr_objectives_tenant_number", def = "{'tenant': 1, 'number': 1}", unique = true)
public class Objective {

    public static final String COLLECTION = "okr_objectives";
    public static final Reference.Kind KIND = new Reference.Kind("O", "objective");

    @Id
    private String id;
    private TenantRef tenant;
    private long number;
    private String cycleId;
    private String title;
    private UserRef owner;
    private String team;
    private String parentId;
    /** Who created it (a manager, or an admin); null for objectives created before this was kept. */
    private UserRef createdBy;
    private Instant createdAt;
    /** Its share in its parent's progress relative to its siblings and the parent's key results; null means 1. */
    private Integer weight;
    /** When it was closed (archived): no more check-ins on its key results, left out of reports; null while open. */
    private Instant closedAt;
    private Instant updatedAt;

    protected Objective() {
    }

    Objective(TenantRef tenant, long number, ObjectiveDraft draft, UserRef createdBy, Instant now) {
        this.createdBy = createdBy;
        this.tenant = tenant;
        this.number = number;
        this.cycleId = draft.cycleId();
        this.title = draft.title();
        this.owner = draft.owner();
        this.team = draft.team();
        this.parentId = draft.parentId();
        this.createdAt = now;
        this.updatedAt = now;
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

    public String getCycleId() {
        return cycleId;
    }

    public String getTitle() {
        return title;
    }

    public UserRef getOwner() {
        return owner;
    }

    public String getTeam() {
        return team;
    }

    public String getParentId() {
        return parentId;
    }

    public int weight() {
        return weight == null ? 1 : weight;
    }

    public boolean closed() {
        return closedAt != null;
    }

    public Instant getClosedAt() {
        return closedAt;
    }

    public UserRef getCreatedBy() {
        return createdBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
