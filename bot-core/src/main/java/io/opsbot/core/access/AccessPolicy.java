package io.opsbot.core.access;

import io.opsbot.core.audit.Actor;
import io.opsbot.core.audit.AuditLog;
import io.opsbot.core.config.OpsBotProperties;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one place that decides who may do what. A person holds a role when they are a configured admin
 * ({@code opsbot.admins}), an admin recorded for their tenant, or recorded for that role in their tenant; admins hold
 * every role. The conversation engine asks {@link #decide} before any command, form or button that declares a role;
 * features ask {@link #has} for what they only show to some, and {@link #requireChange} before changing one record
 * that has an owner or managers of its own ({@link Stewards}). Every change of a role is written to the audit log.
 */
@Service
public class AccessPolicy {

    private final TenantRolesRepository roles;
    private final MongoTemplate mongo;
    private final OpsBotProperties properties;
    private final AuditLog audit;

    public AccessPolicy(TenantRolesRepository roles, MongoTemplate mongo, OpsBotProperties properties,
                        AuditLog audit) {
        this.roles = roles;
        this.mongo = mongo;
        this.properties = properties;
        this.audit = audit;
    }

    /** Whether the person holds the role (or one that covers it). Reads only. */
    public boolean has(UserRef user, Role role) {
        if (role == Role.MEMBER || configuredAdmin(user)) {
            return true;
        }
        return roles.findById(user.tenant().key())
                .map(r -> r.holders(Role.ADMIN).contains(user.userId())
                          || role != Role.ADMIN && r.holders(role).contains(user.userId()))
                .orElse(false);
    }

    /** What {@link #decide} answers. */
    public enum Decision {
        /** The person holds the role. */
        ALLOWED,
        /** The tenant has no admin at all: the person may go ahead, and becomes its admin once it worked. */
        ALLOWED_AS_FIRST_ADMIN,
        REFUSED
    }

    /**
     * Whether the person may do what needs the role. Like {@link #has}, except in a tenant with no admin at all: there
     * the first person to do something that needs a role becomes the tenant's admin, so a fresh install can be set up
     * from chat without editing configuration. Nothing is recorded here: the engine calls {@link #claimFirstAdmin} once
     * what the person did worked, so a refused set-up ("add me first") changes nothing, not even who is admin.
     */
    public Decision decide(UserRef user, Role role) {
        if (has(user, role)) {
            return Decision.ALLOWED;
        }
        return hasNoAdmin(user.tenant()) ? Decision.ALLOWED_AS_FIRST_ADMIN : Decision.REFUSED;
    }

    /** {@link #decide}, recording the first admin at once: for callers that have nothing that could still fail. */
    public boolean allows(UserRef user, Role role) {
        Decision decision = decide(user, role);
        return decision == Decision.ALLOWED
               || decision == Decision.ALLOWED_AS_FIRST_ADMIN && claimFirstAdmin(Actor.inChat(user, null));
    }

    /** Whether the person is {@code owner} or holds the role anywhere in the tenant. */
    public boolean isOwnerOr(UserRef user, UserRef owner, Role role) {
        return user.equals(owner) || has(user, role);
    }

    /**
     * Whether the person may change a record that has stewards: they own it, they are one of its managers and hold
     * the manager role, or they are an admin. A manager of one team's standup may not change another team's.
     */
    public boolean mayChange(UserRef user, Stewards stewards) {
        return stewards.owners().contains(user)
               || stewards.managers().contains(user) && has(user, Role.MANAGER)
               || has(user, Role.ADMIN);
    }

    /** {@link #mayChange}, or the refusal ({@code what} as it says it: "check in on it"), and nothing changes. */
    public void requireChange(UserRef user, Stewards stewards, String what) {
        if (!mayChange(user, stewards)) {
            throw new AccessDenied(stewards.refusal(what, user.platform()));
        }
    }

    /** The people recorded for a role in a tenant (configured admins not included). */
    public Set<UserRef> holders(TenantRef tenant, Role role) {
        Set<String> ids = roles.findById(tenant.key()).map(r -> r.holders(role)).orElse(Set.of());
        return Set.copyOf(ids.stream().map(id -> new UserRef(tenant, id)).toList());
    }

    /** The tenant's admins by configuration ({@code opsbot.admins}), who cannot be removed in chat. */
    public Set<UserRef> configuredAdmins(TenantRef tenant) {
        String prefix = tenant.key() + ":";
        Set<UserRef> admins = new TreeSet<>((a, b) -> a.key().compareTo(b.key()));
        properties.admins().stream().filter(k -> k.startsWith(prefix))
                .forEach(k -> admins.add(new UserRef(tenant, k.substring(prefix.length()))));
        return Set.copyOf(admins);
    }

    /**
     * Records that the person holds the role, without an audit entry: for set-up code and tests. People are named in
     * chat through {@link #add}.
     */
    public void grant(UserRef user, Role role) {
        mongo.upsert(Query.query(Criteria.where("_id").is(user.tenant().key())),
                new Update().addToSet(TenantRoles.field(role), user.userId()).setOnInsert("tenant", user.tenant()),
                TenantRoles.class);
    }

    /** Takes the role away, without an audit entry and without the last-admin check: for set-up code and tests. */
    public void revoke(UserRef user, Role role) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(user.tenant().key())),
                new Update().pull(TenantRoles.field(role), user.userId()), TenantRoles.class);
    }

    /** What naming or removing someone did. */
    public enum RoleChange {
        DONE,
        /** They held the role already (add), or did not hold it (remove). */
        UNCHANGED,
        /** Removing them would leave the tenant without an admin. */
        LAST_ADMIN,
        /** They are an admin by configuration, which chat cannot change. */
        CONFIGURED
    }

    /** Names the person for the role in their tenant, written to the audit log. Callers check who may (admins). */
    public RoleChange add(Actor by, UserRef person, Role role) {
        if (role == Role.MEMBER) {
            throw new IllegalArgumentException("everyone is a member");
        }
        if (holders(person.tenant(), role).contains(person)) {
            return RoleChange.UNCHANGED;
        }
        grant(person, role);
        audit.recordAbout(by, "role.add", person, null, name(role));
        return RoleChange.DONE;
    }

    /**
     * Takes the role away, written to the audit log, unless that would leave the tenant without any admin: the check
     * and the change are one update, so two admins removing each other at once cannot both succeed.
     */
    public RoleChange remove(Actor by, UserRef person, Role role) {
        if (role == Role.ADMIN && configuredAdmin(person)) {
            return RoleChange.CONFIGURED;
        }
        String field = TenantRoles.field(role);
        Criteria match = Criteria.where("_id").is(person.tenant().key()).and(field).is(person.userId());
        if (role == Role.ADMIN && configuredAdmins(person.tenant()).isEmpty()) {
            // Another admin must remain: the list has a second entry.
            match = match.and(field + ".1").exists(true);
        }
        long changed = mongo.updateFirst(Query.query(match), new Update().pull(field, person.userId()),
                TenantRoles.class).getModifiedCount();
        if (changed == 0) {
            return holders(person.tenant(), role).contains(person) ? RoleChange.LAST_ADMIN : RoleChange.UNCHANGED;
        }
        audit.recordAbout(by, "role.remove", person, name(role), null);
        return RoleChange.DONE;
    }

    /** Records the person as their tenant's admin if it still has none; false when someone else was first. */
    public boolean claimFirstAdmin(Actor actor) {
        UserRef user = actor.user();
        TenantRef tenant = user.tenant();
        if (!hasNoAdmin(tenant)) {
            return has(user, Role.ADMIN);
        }
        Criteria noAdmin = new Criteria().orOperator(Criteria.where("adminUserIds").exists(false),
                Criteria.where("adminUserIds").size(0));
        try {
            // Matches only while the tenant has no admin, so of two people at the same moment one becomes admin.
            mongo.upsert(Query.query(Criteria.where("_id").is(tenant.key())).addCriteria(noAdmin),
                    new Update().addToSet("adminUserIds", user.userId()).setOnInsert("tenant", tenant),
                    TenantRoles.class);
        } catch (DuplicateKeyException taken) {
            return false;
        }
        boolean admin = has(user, Role.ADMIN);
        if (admin) {
            audit.recordAbout(actor, "role.first-admin", user, null, name(Role.ADMIN));
        }
        return admin;
    }

    private boolean configuredAdmin(UserRef user) {
        return properties.admins().contains(user.key());
    }

    private boolean hasNoAdmin(TenantRef tenant) {
        return configuredAdmins(tenant).isEmpty()
               && roles.findById(tenant.key()).map(r -> r.holders(Role.ADMIN).isEmpty()).orElse(true);
    }

    private static String name(Role role) {
        return role.name().toLowerCase(Locale.ROOT);
    }
}
