package io.opsbot.core.retention;

import io.opsbot.core.tenant.TenantRef;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/** A tenant the app was removed from, and since when: its data goes when the retention after that has passed. */
@Document(Departure.COLLECTION)
public class Departure {

    static final String COLLECTION = "tenant_departures";

    @Id
    private String id;
    private TenantRef tenant;
    /** The daily job looks for those gone longest. */
    @Indexed(name = "tenant_departures_left_at")
    private Instant leftAt;
    private String reason;

    protected Departure() {
    }

    public TenantRef getTenant() {
        return tenant;
    }

    public Instant getLeftAt() {
        return leftAt;
    }

    public String getReason() {
        return reason;
    }
}
