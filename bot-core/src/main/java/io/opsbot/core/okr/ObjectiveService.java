package io.opsbot.core.okr;

import io.opsbot.core.conversation.Drafts;
import io.opsbot.core.conversation.InputError;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.reference.Reference;
import io.opsbot.core.sequence.SequenceService;
import io.opsbot.core.storage.Updates;
import io.opsbot.core.tenant.TenantRef;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** Objectives: creating and changing them (who may is declared by the form), finding them within a tenant. */
@Service
public class ObjectiveService {

    private final ObjectiveRepository objectives;
    private final MongoTemplate mongo;
    private final OkrCycleService cycles;
    private final SequenceService sequences;
    private final Drafts drafts;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public ObjectiveService(ObjectiveRepository objectives, MongoTemplate mongo, OkrCycleService cycles,
                            SequenceService sequences, Drafts drafts, ApplicationEventPublisher events, Clock clock) {
        this.objectives = objectives;
        this.mongo = mongo;
        this.cycles = cycles;
        this.sequences = sequences;
        this.drafts = drafts;
        this.events = events;
        this.clock = clock;
    }

    public Objective create(TenantRef tenant, ObjectiveDraft draft) {
        ObjectiveDraft checked = check(tenant, draft, null);
        long number = sequences.next("okr-objective:" + tenant.key());
        return objectives.insert(new Objective(tenant, number, checked, clock.instant()));
    }

    public Objective update(TenantRef tenant, String objectiveId, ObjectiveDraft draft) {
        Objective existing = objective(tenant, objectiveId)
                .orElseThrow(() -> new UserError("That objective no longer exists."));
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
        return updated;
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
