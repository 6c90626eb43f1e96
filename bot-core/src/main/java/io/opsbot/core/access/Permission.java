package io.opsbot.core.access;

import io.opsbot.core.tenant.Platform;

import java.util.Objects;

/**
 * What an operation needs: the lowest role allowed, and what the operation does, as a refusal says it ("Only a
 * triager or admin of this workspace can change a feedback item's status."). Subcommands, buttons and forms each
 * declare one.
 */
public record Permission(Role role, String what) {

    /** Anyone in the tenant. */
    public static final Permission ANYONE = new Permission(Role.MEMBER, "do this");

    public Permission {
        Objects.requireNonNull(role, "role");
        if (what == null || what.isBlank()) {
            throw new IllegalArgumentException("say what needs the role, e.g. change a feedback item's status");
        }
    }

    public static Permission of(Role role, String what) {
        return new Permission(role, what);
    }

    /** The reply to someone without the role, naming the tenant as people on that platform do. */
    public String refusal(Platform platform) {
        return "Only " + role.who() + " of this " + platform.tenantNoun() + " can " + what + ".";
    }
}
