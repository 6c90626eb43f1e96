package io.opsbot.dashboard.signin;

import io.opsbot.core.tenant.Platform;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;

import java.io.Serial;
import java.io.Serializable;

/**
 * Who signed in, as the bot knows people: platform, tenant and user id, and the name to show. Kept in the session
 * (serialised into MongoDB), so it holds plain strings; roles are asked of {@code AccessPolicy} on every request, so a
 * role given or taken in chat applies at once.
 */
public record SignedInPerson(String platform, String tenantId, String userId, String name) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public static SignedInPerson of(UserRef user, String name) {
        return new SignedInPerson(user.platform().name(), user.tenant().tenantId(), user.userId(),
                name == null || name.isBlank() ? user.userId() : name);
    }

    public UserRef user() {
        return new UserRef(new TenantRef(Platform.valueOf(platform), tenantId), userId);
    }
}
