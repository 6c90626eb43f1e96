package io.opsbot.core.okr;

import io.opsbot.core.access.AccessDenied;
import io.opsbot.core.access.AccessPolicy;
import io.opsbot.core.access.Permission;
import io.opsbot.core.access.Role;
import io.opsbot.core.access.Stewards;
import io.opsbot.core.audit.Actor;
import io.opsbot.core.audit.AuditLog;
import io.opsbot.core.conversation.Drafts;
import io.opsbot.core.conversation.InputError;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.reference.Reference;
import io.opsbot.core.sequence.SequenceService;
import io.opsbot.core.storage.Updates;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Objectives: creating and changing them, finding them within a tenant, and who looks after each. Managers (and
 * admins) create objectives; an objective is changed by its owner, its managers or an admin, where its managers are
 * the manager who created it and the managers of its team: whoever created or owns an objective of the same team in a
 * cycle that has not ended, while they hold the manager role. Each change is written to the audit log.
 */
@Service
public class ObjectiveService {

    private final ObjectiveRepository objectives;
    private final MongoTemplate mongo;
    private final OkrCycleService cycles;
    private final SequenceService sequences;
    private final Drafts drafts;
    private final ApplicationEventPublisher events;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final Clock clock;

    public ObjectiveService(ObjectiveRepository objectives, MongoTemplate mongo, OkrCycleService cycles,
                            SequenceService sequences, Drafts drafts, ApplicationEventPublisher events,
                            AccessPolicy access, AuditLog audit, Clock clock) {
        this.access = access;
        this.audit = audit;
        this.objectives = objectives;
        this.mongo = mongo;
        this.cycles = cycles;
        this.sequences = sequences;
        this.drafts = drafts;
        this.events = events;
        this.clock = clock;
    }

    public Objective create(Actor by, ObjectiveDraft draft) {
        TenantRef tenant = by.user().tenant();
        if (!access.has(by.user(), Role.MANAGER)) {
            throw new AccessDenied(Permission.of(Role.MANAGER, "create objectives").refusal(tenant.platform()));
        }
        ObjectiveDraft checked = check(tenant, draft, null);
        long number = sequences.next("okr-objective:" + tenant.key());
        Objective created = objectives.insert(new Objective(tenant, number, checked, by.user(), clock.instant()));
        audit.record(by, "okr.objective-create", created.reference().toString(), null, describe(created));
        return created;
    }

    public Objective update(Actor by, String objectiveId, ObjectiveDraft draft) {
        TenantRef tenant = by.user().tenant();
        Objective existing = objective(tenant, objectiveId)
                .orElseThrow(() -> new UserError("That objective no longer exists."));
        access.requireChange(by.user(), stewards(existing), "change it");
        ObjectiveDraft checked = check(tenant, draft, existing.getId());
        Update update = new Update().set("title", checked.title()).set("owner", checked.owner())
                .set("cycleId", checked.cycleId()).set("updatedAt", clock.instant());
        Updates.setOrUnset(update, "team", checked.team());
        Updates.setOrUnset(update, "parentId", checked.parentId());
        Objective updated = mongo.findAndModify(Query.query(Criteria.where("_id").is(existing.getId())), update,
                FindAndModifyOptions.options().returnNew(true), Objective.class);
        if (!Objects.equals(existing.getCycleId(), checked.cycleId())) {
            mongo.updateMulti(Query.query(Criteria.where("objectiveId").is(existing.getId())),
                    new Update().set("cycleId", checked.cycleId()), KeyResult.class);
            events.publishEvent(new OkrScheduleChanged(tenant));
        }
        audit.record(by, "okr.objective-edit", updated.reference().toString(), describe(existing),
                describe(updated));
        return updated;
    }

    /**
     * Closes (archives) an objective: its key results are no longer asked about and it leaves reports and digests;
     * what it reached still counts in its parent's progress.
     */
    public Objective close(Actor by, Objective objective) {
        access.requireChange(by.user(), stewards(objective), "close it");
        if (objective.closed()) {
            throw new UserError(objective.reference() + " is already closed.");
        }
        Objective closed = mongo.findAndModify(Query.query(Criteria.where("_id").is(objective.getId())),
                new Update().set("closedAt", clock.instant()).set("updatedAt", clock.instant()),
                FindAndModifyOptions.options().returnNew(true), Objective.class);
        events.publishEvent(new OkrScheduleChanged(objective.getTenant()));
        audit.record(by, "okr.objective-close", objective.reference().toString(), "open", "closed");
        return closed;
    }

    /** Its weight in its parent's progress (1 to {@link Weights#MAX}). */
    public Objective setWeight(Actor by, Objective objective, int weight) {
        access.requireChange(by.user(), stewards(objective), "change its weight");
        Objective changed = Weights.store(mongo, Objective.class, objective.getId(), weight, clock.instant());
        audit.record(by, "okr.objective-weight", objective.reference().toString(),
                String.valueOf(objective.weight()), String.valueOf(weight));
        return changed;
    }

    /** The ids of a tenant's closed objectives. */
    public Set<String> closedIds(TenantRef tenant) {
        Query closed = Query.query(Criteria.where("tenant").is(tenant).and("closedAt").ne(null));
        closed.fields().include("_id");
        Set<String> ids = new LinkedHashSet<>();
        mongo.find(closed, Objective.class).forEach(o -> ids.add(o.getId()));
        return ids;
    }

    /** Who may change the objective besides admins: its owner, and its managers (see the class). */
    public Stewards stewards(Objective objective) {
        Set<UserRef> managers = new LinkedHashSet<>(teamManagers(objective.getTenant(), objective.getTeam()));
        if (objective.getCreatedBy() != null) {
            managers.add(objective.getCreatedBy());
        }
        return Stewards.ownedBy(objective.reference().toString(), List.of(objective.getOwner()), managers);
    }

    /** The objectives of open cycles the person may change (all of them for an admin). */
    public List<Objective> managedBy(UserRef user) {
        return openObjectives(user.tenant()).stream().filter(o -> access.mayChange(user, stewards(o))).toList();
    }

    /** Whoever created or owns an objective of the team in a cycle that has not ended; none without a team. */
    Set<UserRef> teamManagers(TenantRef tenant, String team) {
        Set<UserRef> managers = new LinkedHashSet<>();
        if (team != null) {
            openObjectives(tenant).stream().filter(o -> team.equals(o.getTeam())).forEach(o -> {
                managers.add(o.getOwner());
                if (o.getCreatedBy() != null) {
                    managers.add(o.getCreatedBy());
                }
            });
        }
        return managers;
    }

    /** What the audit log keeps of an objective, to compare before and after an edit. */
    private String describe(Objective objective) {
        String cycle = cycles.cycle(objective.getCycleId()).map(OkrCycle::getName).orElse("?");
        String parent = objective.getParentId() == null ? "" : "; aligned with " + objective(objective.getTenant(),
                objective.getParentId()).map(o -> o.reference().toString()).orElse("?");
        return objective.getTitle() + "; owner " + objective.getOwner().userId() + "; team "
               + (objective.getTeam() == null ? "none" : objective.getTeam()) + "; cycle " + cycle + parent;
    }

    /** By id, only within the tenant. */
    public Optional<Objective> objective(TenantRef tenant, String id) {
        return (id == null ? Optional.<Objective>empty() : objectives.findById(id))
                .filter(o -> o.getTenant().equals(tenant));
    }

    /** By its number, {@code O-3}. */
    public Optional<Objective> find(TenantRef tenant, Reference reference) {
        return reference.is(Objective.KIND) ? objectives.findByTenantAndNumber(tenant, reference.number())
                : Optional.empty();
    }

    public List<Objective> objectivesIn(TenantRef tenant, List<String> cycleIds) {
        return objectives.findByTenantAndCycleIdInOrderByNumber(tenant, cycleIds);
    }

    /** Objectives of the cycles that have not ended. */
    public List<Objective> openObjectives(TenantRef tenant) {
        return objectivesIn(tenant, cycles.openCycleIds(tenant));
    }

    private ObjectiveDraft check(TenantRef tenant, ObjectiveDraft draft, String selfId) {
        drafts.check(draft);
        if (!draft.owner().tenant().equals(tenant)) {
            throw new InputError("owner", "Choose the objective's owner.");
        }
        String team = draft.team() == null || draft.team().isBlank() ? null
                : draft.team().strip().toLowerCase(Locale.ROOT).replaceFirst("^#", "");
        if (team != null && !team.matches("[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]{0,"
                + (ObjectiveDraft.TEAM_LIMIT - 1) + "}")) {
            throw new InputError("team", "A team is a short name such as growth or platform (up to "
                    + ObjectiveDraft.TEAM_LIMIT + " characters).");
        }
        OkrCycle cycle = draft.cycleId() == null ? cycles.currentOrNewCycle(tenant)
                : cycles.cycle(draft.cycleId()).filter(c -> c.getTenant().equals(tenant))
                .orElseThrow(() -> new InputError("cycle", "Choose one of the listed cycles."));
        String parentId = draft.parentId() == null || draft.parentId().isBlank() ? null : draft.parentId();
        if (parentId != null) {
            if (parentId.equals(selfId)) {
                throw new InputError("parent", "An objective cannot be aligned with itself.");
            }
            Objective parent = objective(tenant, parentId)
                    .orElseThrow(() -> new InputError("parent", "Choose one of the listed objectives."));
            for (Objective up = parent; up != null && up.getParentId() != null;
                 up = objective(tenant, up.getParentId()).orElse(null)) {
                if (up.getParentId().equals(selfId)) {
                    throw new InputError("parent", "That would make a circle: " + parent.reference()
                            + " is already aligned under this objective.");
                }
            }
        }
        return new ObjectiveDraft(cycle.getId(), draft.title().strip(), draft.owner(), team, parentId);
    }
}
