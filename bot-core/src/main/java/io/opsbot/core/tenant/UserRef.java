package io.opsbot.core.tenant;

import java.util.Objects;

/**
 * A person on one platform: (platform, tenant, platform user id). Rituals hold lists of these, so one ritual can have
 * participants on Slack and Teams at once.
 */
public record UserRef(TenantRef tenant, String userId) {

    public UserRef {
        Objects.requireNonNull(tenant, "tenant");
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("userId must not be blank");
        }
    }

    public Platform platform() {
        return tenant.platform();
    }

    public String key() {
        return tenant.key() + ":" + userId;
    }

    @Override
    public String toString() {
        return key();
    }
}
