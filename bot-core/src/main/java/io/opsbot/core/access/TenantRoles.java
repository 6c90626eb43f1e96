package io.opsbot.core.access;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.util.Set;

/**
 * Who holds which role in one tenant, by platform user id. These are fields of the tenant's settings document
 * ({@code tenant_settings}, one per tenant, where admins have always been recorded); only {@link AccessPolicy}
 * reads and changes them, and only by targeted updates, so the settings' own fields are never overwritten.
 */
@Document(TenantRoles.COLLECTION)
class TenantRoles {

    static final String COLLECTION = "tenant_settings";

    @Id
    private String id;
    private Set<String> adminUserIds;
    private Set<String> triagerUserIds;
    private Set<String> managerUserIds;

    protected TenantRoles() {
    }

    /** The ids recorded for a role (MEMBER: none, everyone is one). */
    Set<String> holders(Role role) {
        Set<String> ids = switch (role) {
            case ADMIN -> adminUserIds;
            case TRIAGER -> triagerUserIds;
            case MANAGER -> managerUserIds;
            case MEMBER -> null;
        };
        return ids == null ? Set.of() : Set.copyOf(ids);
    }

    static String field(Role role) {
        return switch (role) {
            case ADMIN -> "adminUserIds";
            case TRIAGER -> "triagerUserIds";
            case MANAGER -> "managerUserIds";
            case MEMBER -> throw new IllegalArgumentException("everyone is a member");
        };
    }
}
