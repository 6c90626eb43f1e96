package io.opsbot.core.okr;

import io.opsbot.core.access.AccessPolicy;
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

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Key results: creating and changing what they are (their value changes only through check-ins), finding them within
 * a tenant, who looks after each, and who is due to check in. A key result is changed, and checked in on, by its
 * owner, the owner of its objective, its objective's managers or an admin; each change is written to the audit log.
 */
@Service
public class KeyResultService {

    private final KeyResultRepository keyResults;
    private final MongoTemplate mongo;
    private final ObjectiveService objectives;
    private final OkrCycleService cycles;
    private final SequenceService sequences;
    private final Drafts drafts;
    private final ApplicationEventPublisher events;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final Clock clock;

    public KeyResultService(KeyResultRepository keyResults, MongoTemplate mongo, ObjectiveService objectives,
                            OkrCycleService cycles, SequenceService sequences, Drafts drafts,
                            ApplicationEventPublisher events, AccessPolicy access, AuditLog audit, Clock clock) {
        this.access = access;
        this.audit = audit;
        this.keyResults = keyResults;
        this.mongo = mongo;
        this.objectives = objectives;
        this.cycles = cycles;
        this.sequences = sequences;
        this.drafts = drafts;
        this.events = events;
        this.clock = clock;
    }

    public KeyResult create(Actor by, KeyResultDraft draft) {
        TenantRef tenant = by.user().tenant();
        Objective objective = objectiveOf(tenant, draft);
        access.requireChange(by.user(), objectives.stewards(objective), "add key results to it");
        KeyResultDraft checked = check(tenant, objective, draft, true);
        long number = sequences.next("okr-kr:" + tenant.key());
        KeyResult kr = keyResults.insert(new KeyResult(tenant, number, objective.getCycleId(), checked, by.user(),
                clock.instant()));
        events.publishEvent(new OkrScheduleChanged(tenant));
        audit.record(by, "okr.kr-create", kr.reference().toString(), null, describe(kr, objective));
        return kr;
    }

    /** Changes what a key result is; its current value only changes through check-ins. */
    public KeyResult update(Actor by, String keyResultId, KeyResultDraft draft) {
        TenantRef tenant = by.user().tenant();
        KeyResult existing = keyResult(tenant, keyResultId)
                .orElseThrow(() -> new UserError("That key result no longer exists."));
        access.requireChange(by.user(), stewards(existing), "change it");
        Objective objective = objectiveOf(tenant, draft);
        if (!objective.getId().equals(existing.getObjectiveId())) {
            access.requireChange(by.user(), objectives.stewards(objective), "move key results to it");
        }
        KeyResultDraft withCurrent = draft.withCurrent(draft.metric() == existing.getMetric()
                ? existing.getCurrent() : null);
        KeyResultDraft checked = check(tenant, objective, withCurrent, false);
        Update update = new Update().set("objectiveId", objective.getId()).set("cycleId", objective.getCycleId())
                .set("title", checked.title()).set("owner", checked.owner()).set("metric", checked.metric())
                .set("start", checked.start()).set("target", checked.target()).set("current", checked.current())
                .set("due", checked.due()).set("updatedAt", clock.instant());
        Updates.setOrUnset(update, "unit", checked.unit());
        KeyResult updated = mongo.findAndModify(Query.query(Criteria.where("_id").is(existing.getId())), update,
                FindAndModifyOptions.options().returnNew(true), KeyResult.class);
        events.publishEvent(new OkrScheduleChanged(tenant));
        audit.record(by, "okr.kr-edit", updated.reference().toString(),
                describe(existing, objectives.objective(tenant, existing.getObjectiveId()).orElse(null)),
                describe(updated, objective));
        return updated;
    }

    /**
     * Who may change the key result, and check in on it, besides admins: its owner and its objective's owner, and
     * the managers of its objective (see {@link ObjectiveService}) and whoever created it, holding the manager role.
     */
    public Stewards stewards(KeyResult kr) {
        Set<UserRef> owners = new LinkedHashSet<>(List.of(kr.getOwner()));
        Set<UserRef> managers = new LinkedHashSet<>();
        objectives.objective(kr.getTenant(), kr.getObjectiveId()).map(objectives::stewards).ifPresent(o -> {
            owners.addAll(o.owners());
            managers.addAll(o.managers());
        });
        if (kr.getCreatedBy() != null) {
            managers.add(kr.getCreatedBy());
        }
        return Stewards.ownedBy(kr.reference().toString(), owners, managers);
    }

    /** Its weight in its objective's progress (1 to {@link Weights#MAX}). */
    public KeyResult setWeight(Actor by, KeyResult kr, int weight) {
        access.requireChange(by.user(), stewards(kr), "change its weight");
        KeyResult changed = Weights.store(mongo, KeyResult.class, kr.getId(), weight, clock.instant());
        audit.record(by, "okr.kr-weight", kr.reference().toString(), String.valueOf(kr.weight()),
                String.valueOf(weight));
        return changed;
    }

    /** What the audit log keeps of a key result, to compare before and after an edit. */
    private static String describe(KeyResult kr, Objective objective) {
        return kr.getTitle() + "; owner " + kr.getOwner().userId() + "; " + kr.getMetric().label() + " "
               + MetricValues.format(kr, kr.getStart()) + " → " + MetricValues.format(kr, kr.getTarget())
               + (kr.getDue() == null ? "" : " by " + kr.getDue())
               + "; objective " + (objective == null ? "?" : objective.reference());
    }

    /** By id, only within the tenant. */
    public Optional<KeyResult> keyResult(TenantRef tenant, String id) {
        return (id == null ? Optional.<KeyResult>empty() : keyResults.findById(id))
                .filter(kr -> kr.getTenant().equals(tenant));
    }

    /** By its number, {@code KR-7}. */
    public Optional<KeyResult> find(TenantRef tenant, Reference reference) {
        return reference.is(KeyResult.KIND) ? keyResults.findByTenantAndNumber(tenant, reference.number())
                : Optional.empty();
    }

    public List<KeyResult> keyResultsOf(Objective objective) {
        return keyResults.findByObjectiveIdOrderByNumber(objective.getId());
    }

    /** {@link #keyResultsOf} for several objectives in one read, by objective id. */
    public Map<String, List<KeyResult>> keyResultsOf(Collection<String> objectiveIds) {
        Map<String, List<KeyResult>> byObjective = new HashMap<>();
        if (!objectiveIds.isEmpty()) {
            keyResults.findByObjectiveIdInOrderByNumber(objectiveIds)
                    .forEach(kr -> byObjective.computeIfAbsent(kr.getObjectiveId(), k -> new ArrayList<>()).add(kr));
        }
        return byObjective;
    }

    /** A person's key results in cycles that have not ended. */
    public List<KeyResult> ownedBy(UserRef owner) {
        return keyResults.findByTenantAndOwnerAndCycleIdInOrderByNumber(owner.tenant(), owner,
                cycles.openCycleIds(owner.tenant()));
    }

    /**
     * The key results a person is asked about on a date: their cycle runs that day (and is not closed), their
     * objective is not closed and they are not finished.
     */
    public List<KeyResult> dueForCheckIn(UserRef owner, LocalDate date) {
        List<String> running = cycles.cycles(owner.tenant()).stream().filter(c -> c.covers(date))
                .map(OkrCycle::getId).toList();
        Set<String> closed = objectives.closedIds(owner.tenant());
        return keyResults.findByTenantAndOwnerAndCycleIdInOrderByNumber(owner.tenant(), owner, running).stream()
                .filter(kr -> !kr.finished() && !closed.contains(kr.getObjectiveId())).toList();
    }

    /** Owners of key results of open objectives in a tenant's cycles that have not ended. */
    public List<UserRef> owners(TenantRef tenant) {
        Set<String> closed = objectives.closedIds(tenant);
        return keyResults.findByTenantAndCycleIdIn(tenant, cycles.openCycleIds(tenant)).stream()
                .filter(kr -> !closed.contains(kr.getObjectiveId())).map(KeyResult::getOwner).distinct().toList();
    }

    /** Every tenant with key results at all (for rebuilding schedules at start-up). */
    public List<TenantRef> tenantsWithKeyResults() {
        return keyResults.findAllTenants().stream().map(KeyResult::getTenant).distinct().toList();
    }

    private Objective objectiveOf(TenantRef tenant, KeyResultDraft draft) {
        return objectives.objective(tenant, draft.objectiveId())
                .orElseThrow(() -> new InputError("objective", "Choose one of the listed objectives."));
    }

    private KeyResultDraft check(TenantRef tenant, Objective objective, KeyResultDraft draft, boolean creating) {
        drafts.check(draft);
        if (!draft.owner().tenant().equals(tenant)) {
            throw new InputError("owner", "Choose who owns this key result.");
        }
        MetricType metric = draft.metric();
        String unit = draft.unit() == null || draft.unit().isBlank() ? null : draft.unit().strip();
        BigDecimal start;
        BigDecimal target;
        BigDecimal current;
        if (metric == MetricType.DONE) {
            start = BigDecimal.ZERO;
            target = BigDecimal.ONE;
            current = draft.current() != null && draft.current().signum() > 0 ? BigDecimal.ONE : BigDecimal.ZERO;
            unit = null;
        } else {
            if (metric == MetricType.PERCENTAGE) {
                unit = null;
            }
            start = draft.start() == null ? BigDecimal.ZERO : draft.start().stripTrailingZeros();
            if (draft.target() == null) {
                throw new InputError("target", "Enter the target value.");
            }
            target = draft.target().stripTrailingZeros();
            if (start.compareTo(target) == 0) {
                throw new InputError("target", "The target equals the start: there is nothing to move.");
            }
            if (metric == MetricType.PERCENTAGE) {
                for (BigDecimal v : List.of(start, target)) {
                    if (v.signum() < 0 || v.compareTo(MetricValues.HUNDRED) > 0) {
                        throw new InputError(v == start ? "start" : "target", "A percentage goes from 0 to 100.");
                    }
                }
            }
            current = draft.current() == null ? start : draft.current().stripTrailingZeros();
            try {
                MetricValues.check(metric, start, target, current, unit, "this key result");
            } catch (UserError e) {
                throw new InputError(creating ? "current" : "target", e.getMessage());
            }
        }
        LocalDate due = draft.due();
        if (due == null) {
            due = cycles.cycle(objective.getCycleId()).map(OkrCycle::getEnd).orElse(null);
        }
        return new KeyResultDraft(objective.getId(), draft.title().strip(), draft.owner(), metric, start, target,
                current, unit, due);
    }
}
