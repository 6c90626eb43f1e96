package io.opsbot.core.okr;

import io.opsbot.core.reference.Reference;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A measurable result of an objective, numbered per tenant (KR-7). {@code current} and {@code confidence} are the
 * latest check-in's; every check-in is also kept as a {@link CheckIn}.
 */
@Document(KeyResult.COLLECTION)
@CompoundIndex(name = "okr_key_results_tenant_number", def = "{'tenant': 1, 'number': 1}", unique = true)
public class KeyResult {

    public static final String COLLECTION = "okr_key_results";
    public static final Reference.Kind KIND = new Reference.Kind("KR", "key result");

    @Id
    private String id;
    private TenantRef tenant;
    private long number;
    private String objectiveId;
    private String cycleId;
    private String title;
    @Indexed(name = "okr_key_results_owner")
    private UserRef owner;
    private MetricType metric;
    private BigDecimal start;
    private BigDecimal target;
    private BigDecimal current;
    private String unit;
    private LocalDate due;
    private Confidence confidence;
    private Instant lastCheckInAt;
    /** Its share in its objective's progress; null means 1. */
    private Integer weight;
    /** Who created it; null for key results created before this was kept. */
    private UserRef createdBy;
    private Instant createdAt;
    private Instant updatedAt;

    protected KeyResult() {
    }

    KeyResult(TenantRef tenant, long number, String cycleId, KeyResultDraft draft, UserRef createdBy, Instant now) {
        this.createdBy = createdBy;
        this.tenant = tenant;
        this.number = number;
        this.objectiveId = draft.objectiveId();
        this.cycleId = cycleId;
        this.title = draft.title();
        this.owner = draft.owner();
        this.metric = draft.metric();
        this.start = draft.start();
        this.target = draft.target();
        this.current = draft.current();
        this.unit = draft.unit();
        this.due = draft.due();
        this.createdAt = now;
        this.updatedAt = now;
    }

    public Reference reference() {
        return KIND.of(number);
    }

    /** A done / not done result that is done needs no more check-ins. */
    public boolean finished() {
        return metric == MetricType.DONE && current != null && current.signum() > 0;
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

    public String getObjectiveId() {
        return objectiveId;
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

    public MetricType getMetric() {
        return metric;
    }

    public BigDecimal getStart() {
        return start;
    }

    public BigDecimal getTarget() {
        return target;
    }

    public BigDecimal getCurrent() {
        return current;
    }

    public String getUnit() {
        return unit;
    }

    public LocalDate getDue() {
        return due;
    }

    public Confidence getConfidence() {
        return confidence;
    }

    public Instant getLastCheckInAt() {
        return lastCheckInAt;
    }

    public int weight() {
        return weight == null ? 1 : weight;
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
