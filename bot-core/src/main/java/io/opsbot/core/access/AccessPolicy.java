package io.opsbot.core.access;

import io.opsbot.core.config.OpsBotProperties;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.util.Set;

/**
 * The one place that decides who may do what. A person holds a role when they are a configured admin
 * ({@code opsbot.admins}), an admin recorded for their tenant, or recorded for that role in their tenant; admins hold
 * every role. The conversation engine asks {@link #allows} before any command, form or button that declares a role;
 * features ask {@link #has} for what they only show to some.
 */
@Service
public class AccessPolicy {

    private final TenantRolesRepository roles;
    private final MongoTemplate mongo;
    private final OpsBotProperties properties;

    public AccessPolicy(TenantRolesRepository roles, MongoTemplate mongo, OpsBotProperties properties) {
        this.roles = roles;
        this.mongo = mongo;
        this.properties = properties;
    }

    /** Whether the person holds the role (or one that covers it). Reads only. */
    public boolean has(UserRef user, Role role) {
        if (role == Role.MEMBER || properties.admins().contains(user.key())) {
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
               || decision == Decision.ALLOWED_AS_FIRST_ADMIN && claimFirstAdmin(user);
    }

    /** Whether the person is {@code owner} or holds the role: someone's own key result, or a manager's. */
    public boolean isOwnerOr(UserRef user, UserRef owner, Role role) {
        return user.equals(owner) || has(user, role);
    }

    /** The people recorded for a role in a tenant (configured admins not included). */
    public Set<UserRef> holders(TenantRef tenant, Role role) {
        Set<String> ids = roles.findById(tenant.key()).map(r -> r.holders(role)).orElse(Set.of());
        return Set.copyOf(ids.stream().map(id -> new UserRef(tenant, id)).toList());
    }

    /** Records that the person holds the role. Callers check that whoever asks may grant it (admins). */
    public void grant(UserRef user, Role role) {
        mongo.upsert(Query.query(Criteria.where("_id").is(user.tenant().key())),
                new Update().addToSet(TenantRoles.field(role), user.userId()).setOnInsert("tenant", user.tenant()),
                TenantRoles.class);
    }

    public void revoke(UserRef user, Role role) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(user.tenant().key())),
                new Update().pull(TenantRoles.field(role), user.userId()), TenantRoles.class);
    }

    /** Records the person as their tenant's admin if it still has none; false when someone else was first. */
    public boolean claimFirstAdmin(UserRef user) {
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
        return has(user, Role.ADMIN);
    }

    private boolean hasNoAdmin(TenantRef tenant) {
        return properties.admins().stream().noneMatch(key -> key.startsWith(tenant.key() + ":"))
               && roles.findById(tenant.key()).map(r -> r.holders(Role.ADMIN).isEmpty()).orElse(true);
    }
}
