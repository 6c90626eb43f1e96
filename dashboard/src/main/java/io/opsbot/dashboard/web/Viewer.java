package io.opsbot.dashboard.web;

import io.opsbot.core.access.Role;
import io.opsbot.core.audit.Actor;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;

import java.util.Set;

/**
 * The signed-in person looking at a page, with the roles they hold right now (asked of the core's AccessPolicy on
 * every request, as chat does). Pages read only their tenant's data through it.
 */
public record Viewer(UserRef user, String name, Set<Role> roles) {

    /** How the audit log names changes made here. */
    public static final String VIA = "DASHBOARD";

    public Viewer {
        roles = Set.copyOf(roles);
    }

    public TenantRef tenant() {
        return user.tenant();
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return has(Role.ADMIN);
    }

    public boolean isManager() {
        return has(Role.MANAGER);
    }

    public boolean isTriager() {
        return has(Role.TRIAGER);
    }

    /** The highest role held, as the header shows it. */
    public String roleName() {
        return isAdmin() ? "Admin" : isManager() && isTriager() ? "Manager · Triager" : isManager() ? "Manager"
                : isTriager() ? "Triager" : "Member";
    }

    /** This person acting through the dashboard, for the core's services. */
    public Invoker invoker() {
        return Invoker.from(user, name, VIA);
    }

    public Actor actor() {
        return new Actor(user, name, VIA);
    }

    /** Refuses with 403 unless the person holds the role. */
    public void require(Role role, String what) {
        if (!has(role)) {
            throw new Refused("Only " + role.who() + " can " + what + ".");
        }
    }
}
