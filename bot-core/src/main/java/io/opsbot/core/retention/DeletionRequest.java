package io.opsbot.core.retention;

import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/** An admin's request to delete their tenant's data, waiting for them to confirm it (once, for a few minutes). */
@Document(DeletionRequest.COLLECTION)
class DeletionRequest {

    static final String COLLECTION = "data_deletion_requests";

    @Id
    private String id;
    private TenantRef tenant;
    private UserRef by;
    private Instant expiresAt;

    protected DeletionRequest() {
    }

    DeletionRequest(String id, UserRef by, Instant expiresAt) {
        this.id = id;
        this.tenant = by.tenant();
        this.by = by;
        this.expiresAt = expiresAt;
    }
}
