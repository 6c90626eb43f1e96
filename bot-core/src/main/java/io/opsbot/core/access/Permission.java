package io.opsbot.core.access;

import io.opsbot.core.tenant.Platform;

import java.util.Objects;

/**
 * What an operation needs: the lowest role allowed, and what the operation does, as a refusal says it ("Only a
 * triager or admin of this workspace can change a feedback item's status."). Subcommands, buttons and forms each
 * declare one. With {@code owners}, the operation acts on one record that its owner may change whatever their role
 * (a key result): the engine lets everyone through and the handler asks {@link AccessPolicy#requireChange} about that
 * record.
 */
public record Permission(Role role, String what, boolean owners, boolean linked) {

    /** Anyone in the tenant. */
    public static final Permission ANYONE = new Permission(Role.MEMBER, "do this", false, false);

    public Permission {
        Objects.requireNonNull(role, "role");
        if (what == null || what.isBlank()) {
            throw new IllegalArgumentException("say what needs the role, e.g. change a feedback item's status");
        }
        if ((owners || linked) && role == Role.MEMBER) {
            throw new IllegalArgumentException("owners or anyone is anyone");
        }
    }

    public static Permission of(Role role, String what) {
        return new Permission(role, what, false, false);
    }

    /** The record's owner, its managers holding {@code role}, or admins; the handler checks the record. */
    public static Permission ownerOr(Role role, String what) {
        return new Permission(role, what, true, false);
    }

    /**
     * The role, held in the tenant the operation acts on by the person or their linked identity there (typed on the
     * other platform): the handler finds that tenant and checks.
     */
    public static Permission throughLink(Role role, String what) {
        return new Permission(role, what, false, true);
    }

    /** Whether the engine may decide it from the role alone (not when the record's owner may too). */
    public boolean checkedByRole() {
        return role != Role.MEMBER && !owners && !linked;
    }

    /** Who may, as help marks it: "triagers and admins", "owners, managers and admins". */
    public String holders() {
        String holders = owners ? "owners, " + role.holders() : role.holders();
        return linked ? holders + " (or their linked identity)" : holders;
    }

    /** The reply to someone without the role, naming the tenant as people on that platform do. */
    public String refusal(Platform platform) {
        return "Only " + role.who() + " of this " + platform.tenantNoun() + " can " + what + ".";
    }
}
