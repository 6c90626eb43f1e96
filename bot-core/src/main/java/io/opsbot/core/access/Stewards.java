package io.opsbot.core.access;

import io.opsbot.core.tenant.Platform;
import io.opsbot.core.tenant.UserRef;

import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * Who looks after one shared record besides the tenant's admins: its {@code owners}, who may change it whatever their
 * role (the owner of a key result checks in on it), and its {@code managers}, who may while they hold the manager
 * role (the managers of a standup, of an objective's team). Each feature says who these are for its own records;
 * {@link AccessPolicy#mayChange} decides. {@code name} is how a refusal names the record ("KR-3", "the standup
 * Daily").
 */
public record Stewards(String name, Set<UserRef> owners, Set<UserRef> managers) {

    public Stewards {
        Objects.requireNonNull(name, "name");
        owners = Set.copyOf(owners);
        managers = Set.copyOf(managers);
    }

    /** A record nobody owns, looked after by these managers (and admins). */
    public static Stewards managedBy(String name, Collection<UserRef> managers) {
        return new Stewards(name, Set.of(), Set.copyOf(managers));
    }

    /** A record its owners may change, as may these managers (and admins). */
    public static Stewards ownedBy(String name, Collection<UserRef> owners, Collection<UserRef> managers) {
        if (owners.isEmpty()) {
            throw new IllegalArgumentException(name + " needs an owner");
        }
        return new Stewards(name, Set.copyOf(owners), Set.copyOf(managers));
    }

    /** The reply to someone who may not: "Only the owner of KR-3, its managers and admins ... can check in on it." */
    public String refusal(String what, Platform platform) {
        String admins = "admins of this " + platform.tenantNoun();
        return !owners.isEmpty() ? "Only the owner of " + name + ", its managers and " + admins + " can " + what + "."
                : "Only the managers of " + name + " and " + admins + " can " + what + ".";
    }
}
