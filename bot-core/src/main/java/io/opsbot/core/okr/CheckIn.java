package io.opsbot.core.okr;

import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.math.BigDecimal;
import java.time.Instant;

/** One check-in on a key result, kept for good: the history behind trends, digests and reports. */
@Document(CheckIn.COLLECTION)
@CompoundIndex(name = "okr_check_ins_key_result_at", def = "{'keyResultId': 1, 'at': 1}")
public class CheckIn {

    public static final String COLLECTION = "okr_check_ins";

    public enum Source { DIRECT_MESSAGE, FORM, COMMAND }

    @Id
    private String id;
    private TenantRef tenant;
    private String keyResultId;
    private String objectiveId;
    private UserRef by;
    private String byName;
    private BigDecimal value;
    private BigDecimal previousValue;
    private double progress;
    private double previousProgress;
    private Confidence confidence;
    private Confidence previousConfidence;
    private String comment;
    private Source source;
    private Instant at;

    protected CheckIn() {
    }

    CheckIn(KeyResult kr, UserRef by, String byName, BigDecimal value, Confidence confidence, String comment,
            Source source, Instant at) {
        this.tenant = kr.getTenant();
        this.keyResultId = kr.getId();
        this.objectiveId = kr.getObjectiveId();
        this.by = by;
        this.byName = byName;
        this.value = value;
        this.previousValue = kr.getCurrent();
        this.progress = Progress.fraction(kr.getMetric(), kr.getStart(), kr.getTarget(), value);
        this.previousProgress = Progress.of(kr);
        this.confidence = confidence;
        this.previousConfidence = kr.getConfidence();
        this.comment = comment;
        this.source = source;
        this.at = at;
    }

    public String getId() {
        return id;
    }

    public TenantRef getTenant() {
        return tenant;
    }

    public String getKeyResultId() {
        return keyResultId;
    }

    public String getObjectiveId() {
        return objectiveId;
    }

    public UserRef getBy() {
        return by;
    }

    public String getByName() {
        return byName;
    }

    public BigDecimal getValue() {
        return value;
    }

    public BigDecimal getPreviousValue() {
        return previousValue;
    }

    public double getProgress() {
        return progress;
    }

    public double getPreviousProgress() {
        return previousProgress;
    }

    public Confidence getConfidence() {
        return confidence;
    }

    public Confidence getPreviousConfidence() {
        return previousConfidence;
    }

    public String getComment() {
        return comment;
    }

    public Source getSource() {
        return source;
    }

    public Instant getAt() {
        return at;
    }
}
