package io.opsbot.core.okr;

import io.opsbot.core.tenant.TenantRef;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.time.LocalDate;

/** An OKR period of a tenant, e.g. 2027-Q1 from 2027-01-01 to 2027-03-31 (both inclusive). */
@Document(OkrCycle.COLLECTION)
@CompoundIndex(name = "okr_cycles_tenant_name", def = "{'tenant': 1, 'name': 1}", unique = true)
public class OkrCycle {

    public static final String COLLECTION = "okr_cycles";

    @Id
    private String id;
    private TenantRef tenant;
    private String name;
    private LocalDate start;
    private LocalDate end;
    private Instant createdAt;
    /** When an admin closed (archived) it: no more check-ins, reports or digests; null while open. */
    private Instant closedAt;

    protected OkrCycle() {
    }

    OkrCycle(TenantRef tenant, String name, LocalDate start, LocalDate end, Instant now) {
        this.tenant = tenant;
        this.name = name;
        this.start = start;
        this.end = end;
        this.createdAt = now;
    }

    public boolean covers(LocalDate date) {
        return closedAt == null && !date.isBefore(start) && !date.isAfter(end);
    }

    public boolean endedBefore(LocalDate date) {
        return end.isBefore(date);
    }

    /** {@code 2027-01-01 to 2027-03-31}. */
    public String dates() {
        return start + " to " + end;
    }

    public String getId() {
        return id;
    }

    public TenantRef getTenant() {
        return tenant;
    }

    public String getName() {
        return name;
    }

    public LocalDate getStart() {
        return start;
    }

    public LocalDate getEnd() {
        return end;
    }

    public boolean closed() {
        return closedAt != null;
    }

    public Instant getClosedAt() {
        return closedAt;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
