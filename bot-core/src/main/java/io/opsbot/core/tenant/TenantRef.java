package io.opsbot.core.tenant;

import java.util.Objects;

/**
 * The tenant a record belongs to: a Slack workspace (team id) or Enterprise Grid org (enterprise id) for org-wide
 * installs, or a Microsoft Entra tenant id for Teams. Every stored record carries one.
 */
public record TenantRef(Platform platform, String tenantId) {

    public TenantRef {
        Objects.requireNonNull(platform, "platform");
        if (tenantId == null || tenantId.isBlank()) {
            throw new IllegalArgumentException("tenantId must not be blank");
        }
    }

    public static TenantRef slack(String teamOrEnterpriseId) {
        return new TenantRef(Platform.SLACK, teamOrEnterpriseId);
    }

    public static TenantRef teams(String tenantId) {
        return new TenantRef(Platform.TEAMS, tenantId);
    }

    /** A stable string key, e.g. {@code SLACK:T0001}, for unique keys and counters. */
    public String key() {
        return platform + ":" + tenantId;
    }

    @Override
    public String toString() {
        return key();
    }
}
