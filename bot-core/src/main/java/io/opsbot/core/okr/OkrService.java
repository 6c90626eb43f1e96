package io.opsbot.core.okr;

import io.opsbot.core.conversation.UserError;
import io.opsbot.core.sequence.SequenceService;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Cycles, objectives and key results: creating, changing (admins only) and finding them within a tenant. */
@Service
public class OkrService implements InitializingBean {

    static final int TITLE_LIMIT = 200;
    static final int TEAM_LIMIT = 40;
    static final int UNIT_LIMIT = 20;
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-?Q([1-4])", Pattern.CASE_INSENSITIVE);
    private static final Pattern HALF = Pattern.compile("(\\d{4})-?H([12])", Pattern.CASE_INSENSITIVE);
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final Pattern CYCLE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,29}");

    private final MongoTemplate mongo;
    private final SequenceService sequences;
    private final OkrSettingsService settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public OkrService(MongoTemplate mongo, SequenceService sequences, OkrSettingsService settings,
                      ApplicationEventPublisher events, Clock clock) {
        this.mongo = mongo;
        this.sequences = sequences;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    // ---- cycles -----------------------------------------------------------------------------------------------

    public List<OkrCycle> cycles(TenantRef tenant) {
        return mongo.find(Query.query(Criteria.where("tenant").is(tenant)).with(Sort.by("start")), OkrCycle.class);
    }

    /** Cycles that have not ended yet (today in the tenant's zone), earliest first. */
    public List<OkrCycle> openCycles(TenantRef tenant) {
        LocalDate today = settings.today(tenant);
        return cycles(tenant).stream().filter(c -> !c.endedBefore(today)).toList();
    }

    /** The cycle running today, else the next one to start. */
    public Optional<OkrCycle> currentCycle(TenantRef tenant) {
        LocalDate today = settings.today(tenant);
        List<OkrCycle> open = openCycles(tenant);
        return open.stream().filter(c -> c.covers(today)).max(Comparator.comparing(OkrCycle::getStart))
                .or(() -> open.stream().findFirst());
    }

    /** The current cycle; when the tenant has none, this quarter's is created. */
    public OkrCycle currentOrNewCycle(TenantRef tenant) {
        return currentCycle(tenant).orElseGet(() -> {
            LocalDate today = settings.today(tenant);
            String name = today.getYear() + "-Q" + ((today.getMonthValue() - 1) / 3 + 1);
            return upsertCycle(tenant, name, quarterStart(today), quarterStart(today).plusMonths(3).minusDays(1));
        });
    }

    /**
     * Creates or re-dates a cycle: {@code 2027-Q1}, {@code 2027-H2} and {@code 2027} get their calendar dates, any
     * other name needs explicit dates.
     */
    public OkrCycle startCycle(UserRef actor, String name, String from, String to) {
        settings.requireAdmin(actor);
        String clean = name == null ? "" : name.strip();
        if (!CYCLE_NAME.matcher(clean).matches()) {
            throw new UserError("Name the cycle like 2027-Q1 (letters, digits, dashes; up to 30 characters).");
        }
        LocalDate start;
        LocalDate end;
        if (from != null && !from.isBlank()) {
            start = date(from, "start");
            end = date(to == null || to.isBlank() ? "" : to, "end");
        } else {
            Matcher q = QUARTER.matcher(clean);
            Matcher h = HALF.matcher(clean);
            if (q.matches()) {
                start = LocalDate.of(Integer.parseInt(q.group(1)), (Integer.parseInt(q.group(2)) - 1) * 3 + 1, 1);
                end = start.plusMonths(3).minusDays(1);
            } else if (h.matches()) {
                start = LocalDate.of(Integer.parseInt(h.group(1)), h.group(2).equals("1") ? 1 : 7, 1);
                end = start.plusMonths(6).minusDays(1);
            } else if (YEAR.matcher(clean).matches()) {
                start = LocalDate.of(Integer.parseInt(clean), 1, 1);
                end = start.plusYears(1).minusDays(1);
            } else {
                throw new UserError("Give the dates of " + clean + ", e.g. cycle " + clean
                        + " 2027-01-01 2027-03-31 (or name it like 2027-Q1).");
            }
            clean = clean.toUpperCase(Locale.ROOT);
        }
        if (!end.isAfter(start)) {
            throw new UserError("The cycle must end after it starts.");
        }
        OkrCycle cycle = upsertCycle(actor.tenant(), clean, start, end);
        events.publishEvent(new OkrScheduleChanged(actor.tenant()));
        return cycle;
    }

    public Optional<OkrCycle> cycle(String id) {
        return Optional.ofNullable(id == null ? null : mongo.findById(id, OkrCycle.class));
    }

    private OkrCycle upsertCycle(TenantRef tenant, String name, LocalDate start, LocalDate end) {
        Query byName = Query.query(Criteria.where("tenant").is(tenant).and("name").is(name));
        try {
            return mongo.findAndModify(byName, new Update().set("start", start).set("end", end)
                            .setOnInsert("createdAt", clock.instant()),
                    FindAndModifyOptions.options().upsert(true).returnNew(true), OkrCycle.class);
        } catch (DuplicateKeyException raced) {
            return mongo.findOne(byName, OkrCycle.class);
        }
    }

    private static LocalDate quarterStart(LocalDate day) {
        return LocalDate.of(day.getYear(), ((day.getMonthValue() - 1) / 3) * 3 + 1, 1);
    }

    // ---- objectives -------------------------------------------------------------------------------------------

    public Objective createObjective(UserRef actor, ObjectiveDraft draft) {
        settings.requireAdmin(actor);
        ObjectiveDraft checked = check(actor.tenant(), draft, null);
        long number = sequences.next("okr-objective:" + actor.tenant().key());
        return mongo.insert(new Objective(actor.tenant(), number, checked, clock.instant()));
    }

    public Objective updateObjective(UserRef actor, String objectiveId, ObjectiveDraft draft) {
        settings.requireAdmin(actor);
        Objective existing = objective(actor.tenant(), objectiveId)
                .orElseThrow(() -> new UserError("That objective no longer exists."));
        ObjectiveDraft checked = check(actor.tenant(), draft, existing.getId());
        Update update = new Update().set("title", checked.title()).set("owner", checked.owner())
                .set("cycleId", checked.cycleId()).set("updatedAt", clock.instant());
        setOrUnset(update, "team", checked.team());
        setOrUnset(update, "parentId", checked.parentId());
        Objective updated = mongo.findAndModify(Query.query(Criteria.where("_id").is(existing.getId())), update,
                FindAndModifyOptions.options().returnNew(true), Objective.class);
        if (!Objects.equals(existing.getCycleId(), checked.cycleId())) {
            mongo.updateMulti(Query.query(Criteria.where("objectiveId").is(existing.getId())),
                    new Update().set("cycleId", checked.cycleId()), KeyResult.class);
            events.publishEvent(new OkrScheduleChanged(actor.tenant()));
        }
        return updated;
    }

    public Optional<Objective> objective(TenantRef tenant, String id) {
        Objective found = id == null ? null : mongo.findById(id, Objective.class);
        return Optional.ofNullable(found).filter(o -> o.getTenant().equals(tenant));
    }

    /** By {@code O-3} or {@code 3}. */
    public Optional<Objective> findObjective(TenantRef tenant, String reference) {
        return number(reference, Objective.PREFIX).flatMap(n -> Optional.ofNullable(mongo.findOne(
                Query.query(Criteria.where("tenant").is(tenant).and("number").is(n)), Objective.class)));
    }

    public List<Objective> objectivesIn(TenantRef tenant, List<String> cycleIds) {
        return mongo.find(Query.query(Criteria.where("tenant").is(tenant).and("cycleId").in(cycleIds))
                .with(Sort.by("number")), Objective.class);
    }

    /** Objectives of the cycles that have not ended. */
    public List<Objective> openObjectives(TenantRef tenant) {
        return objectivesIn(tenant, openCycles(tenant).stream().map(OkrCycle::getId).toList());
    }

    private ObjectiveDraft check(TenantRef tenant, ObjectiveDraft draft, String selfId) {
        String title = title(draft.title());
        if (draft.owner() == null || !draft.owner().tenant().equals(tenant)) {
            throw new OkrInputError("owner", "Choose the objective's owner.");
        }
        String team = draft.team() == null || draft.team().isBlank() ? null
                : draft.team().strip().toLowerCase(Locale.ROOT).replaceFirst("^#", "");
        if (team != null && !team.matches("[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]{0," + (TEAM_LIMIT - 1) + "}")) {
            throw new OkrInputError("team", "A team is a short name such as growth or platform (up to "
                    + TEAM_LIMIT + " characters).");
        }
        OkrCycle cycle = draft.cycleId() == null ? currentOrNewCycle(tenant)
                : cycle(draft.cycleId()).filter(c -> c.getTenant().equals(tenant))
                .orElseThrow(() -> new OkrInputError("cycle", "Choose one of the listed cycles."));
        String parentId = draft.parentId() == null || draft.parentId().isBlank() ? null : draft.parentId();
        if (parentId != null) {
            if (parentId.equals(selfId)) {
                throw new OkrInputError("parent", "An objective cannot be aligned with itself.");
            }
            Objective parent = objective(tenant, parentId)
                    .orElseThrow(() -> new OkrInputError("parent", "Choose one of the listed objectives."));
            for (Objective up = parent; up != null && up.getParentId() != null;
                 up = objective(tenant, up.getParentId()).orElse(null)) {
                if (up.getParentId().equals(selfId)) {
                    throw new OkrInputError("parent", "That would make a circle: " + parent.reference()
                            + " is already aligned under this objective.");
                }
            }
        }
        return new ObjectiveDraft(cycle.getId(), title, draft.owner(), team, parentId);
    }

    // ---- key results ------------------------------------------------------------------------------------------

    public KeyResult createKeyResult(UserRef actor, KeyResultDraft draft) {
        settings.requireAdmin(actor);
        Objective objective = objective(actor.tenant(), draft.objectiveId())
                .orElseThrow(() -> new OkrInputError("objective", "Choose one of the listed objectives."));
        KeyResultDraft checked = check(actor.tenant(), objective, draft, true);
        long number = sequences.next("okr-kr:" + actor.tenant().key());
        KeyResult kr = mongo.insert(new KeyResult(actor.tenant(), number, objective.getCycleId(), checked,
                clock.instant()));
        events.publishEvent(new OkrScheduleChanged(actor.tenant()));
        return kr;
    }

    /** Changes what a key result is; its current value only changes through check-ins. */
    public KeyResult updateKeyResult(UserRef actor, String keyResultId, KeyResultDraft draft) {
        settings.requireAdmin(actor);
        KeyResult existing = keyResult(actor.tenant(), keyResultId)
                .orElseThrow(() -> new UserError("That key result no longer exists."));
        Objective objective = objective(actor.tenant(), draft.objectiveId())
                .orElseThrow(() -> new OkrInputError("objective", "Choose one of the listed objectives."));
        KeyResultDraft withCurrent = new KeyResultDraft(draft.objectiveId(), draft.title(), draft.owner(),
                draft.metric(), draft.start(), draft.target(),
                draft.metric() == existing.getMetric() ? existing.getCurrent() : null, draft.unit(), draft.due());
        KeyResultDraft checked = check(actor.tenant(), objective, withCurrent, false);
        Update update = new Update().set("objectiveId", objective.getId()).set("cycleId", objective.getCycleId())
                .set("title", checked.title()).set("owner", checked.owner()).set("metric", checked.metric())
                .set("start", checked.start()).set("target", checked.target()).set("current", checked.current())
                .set("due", checked.due()).set("updatedAt", clock.instant());
        setOrUnset(update, "unit", checked.unit());
        KeyResult updated = mongo.findAndModify(Query.query(Criteria.where("_id").is(existing.getId())), update,
                FindAndModifyOptions.options().returnNew(true), KeyResult.class);
        events.publishEvent(new OkrScheduleChanged(actor.tenant()));
        return updated;
    }

    public Optional<KeyResult> keyResult(TenantRef tenant, String id) {
        KeyResult found = id == null ? null : mongo.findById(id, KeyResult.class);
        return Optional.ofNullable(found).filter(kr -> kr.getTenant().equals(tenant));
    }

    /** By {@code KR-7} or {@code 7}. */
    public Optional<KeyResult> findKeyResult(TenantRef tenant, String reference) {
        return number(reference, KeyResult.PREFIX).flatMap(n -> Optional.ofNullable(mongo.findOne(
                Query.query(Criteria.where("tenant").is(tenant).and("number").is(n)), KeyResult.class)));
    }

    public List<KeyResult> keyResultsOf(Objective objective) {
        return mongo.find(Query.query(Criteria.where("objectiveId").is(objective.getId())).with(Sort.by("number")),
                KeyResult.class);
    }

    /** A person's key results in cycles that have not ended. */
    public List<KeyResult> keyResultsOwnedBy(UserRef owner) {
        List<String> open = openCycles(owner.tenant()).stream().map(OkrCycle::getId).toList();
        return mongo.find(Query.query(Criteria.where("tenant").is(owner.tenant()).and("owner").is(owner)
                .and("cycleId").in(open)).with(Sort.by("number")), KeyResult.class);
    }

    /** The key results a person is asked about on a date: their cycle runs that day and they are not finished. */
    public List<KeyResult> dueForCheckIn(UserRef owner, LocalDate date) {
        List<String> running = cycles(owner.tenant()).stream().filter(c -> c.covers(date)).map(OkrCycle::getId)
                .toList();
        return mongo.find(Query.query(Criteria.where("tenant").is(owner.tenant()).and("owner").is(owner)
                        .and("cycleId").in(running)).with(Sort.by("number")), KeyResult.class).stream()
                .filter(kr -> !kr.finished()).toList();
    }

    /** Owners of key results in a tenant's cycles that have not ended. */
    public List<UserRef> owners(TenantRef tenant) {
        List<String> open = openCycles(tenant).stream().map(OkrCycle::getId).toList();
        return mongo.find(Query.query(Criteria.where("tenant").is(tenant).and("cycleId").in(open)), KeyResult.class)
                .stream().map(KeyResult::getOwner).distinct().toList();
    }

    /** Every tenant with key results at all (for rebuilding schedules at start-up). */
    public List<TenantRef> tenantsWithKeyResults() {
        Query all = new Query();
        all.fields().include("tenant");
        return mongo.find(all, KeyResult.class).stream().map(KeyResult::getTenant).distinct().toList();
    }

    private KeyResultDraft check(TenantRef tenant, Objective objective, KeyResultDraft draft, boolean creating) {
        String title = title(draft.title());
        if (draft.owner() == null || !draft.owner().tenant().equals(tenant)) {
            throw new OkrInputError("owner", "Choose who owns this key result.");
        }
        MetricType metric = draft.metric();
        if (metric == null) {
            throw new OkrInputError("metric", "Choose how it is measured.");
        }
        String unit = draft.unit() == null || draft.unit().isBlank() ? null : draft.unit().strip();
        if (unit != null && unit.length() > UNIT_LIMIT) {
            throw new OkrInputError("unit", "Keep the unit short, e.g. USD, € or signups.");
        }
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
                throw new OkrInputError("target", "Enter the target value.");
            }
            target = draft.target().stripTrailingZeros();
            if (start.compareTo(target) == 0) {
                throw new OkrInputError("target", "The target equals the start: there is nothing to move.");
            }
            if (metric == MetricType.PERCENTAGE) {
                for (BigDecimal v : List.of(start, target)) {
                    if (v.signum() < 0 || v.compareTo(MetricValues.HUNDRED) > 0) {
                        throw new OkrInputError(v == start ? "start" : "target",
                                "A percentage goes from 0 to 100.");
                    }
                }
            }
            current = draft.current() == null ? start : draft.current().stripTrailingZeros();
            try {
                MetricValues.check(metric, start, target, current, unit, "this key result");
            } catch (UserError e) {
                throw new OkrInputError(creating ? "current" : "target", e.getMessage());
            }
        }
        LocalDate due = draft.due();
        if (due == null) {
            due = cycle(objective.getCycleId()).map(OkrCycle::getEnd).orElse(null);
        }
        return new KeyResultDraft(objective.getId(), title, draft.owner(), metric, start, target, current, unit, due);
    }

    // ---- shared -----------------------------------------------------------------------------------------------

    private static String title(String text) {
        String title = text == null ? "" : text.strip();
        if (title.isEmpty()) {
            throw new OkrInputError("title", "Give it a title.");
        }
        if (title.length() > TITLE_LIMIT) {
            throw new OkrInputError("title", "Keep the title under " + TITLE_LIMIT + " characters.");
        }
        return title;
    }

    private static Optional<Long> number(String reference, String prefix) {
        String r = reference == null ? "" : reference.strip().toUpperCase(Locale.ROOT);
        if (r.startsWith(prefix)) {
            r = r.substring(prefix.length());
        }
        return r.matches("\\d{1,9}") ? Optional.of(Long.parseLong(r)) : Optional.empty();
    }

    private static LocalDate date(String text, String which) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new UserError("The " + which + " date must be YYYY-MM-DD, e.g. 2027-01-01.");
        }
    }

    private static void setOrUnset(Update update, String field, Object value) {
        if (value == null) {
            update.unset(field);
        } else {
            update.set(field, value);
        }
    }

    Instant now() {
        return clock.instant();
    }

    @Override
    public void afterPropertiesSet() {
        mongo.indexOps(OkrCycle.class).createIndex(new Index().on("tenant", Sort.Direction.ASC)
                .on("name", Sort.Direction.ASC).unique().named("okr_cycles_tenant_name"));
        mongo.indexOps(Objective.class).createIndex(new Index().on("tenant", Sort.Direction.ASC)
                .on("number", Sort.Direction.ASC).unique().named("okr_objectives_tenant_number"));
        mongo.indexOps(KeyResult.class).createIndex(new Index().on("tenant", Sort.Direction.ASC)
                .on("number", Sort.Direction.ASC).unique().named("okr_key_results_tenant_number"));
        mongo.indexOps(KeyResult.class).createIndex(new Index().on("owner", Sort.Direction.ASC)
                .named("okr_key_results_owner"));
        mongo.indexOps(CheckIn.class).createIndex(new Index().on("keyResultId", Sort.Direction.ASC)
                .on("at", Sort.Direction.ASC).named("okr_check_ins_key_result_at"));
    }
}
