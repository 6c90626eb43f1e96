package io.opsbot.core.okr;

import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The read side of OKRs for a report: a cycle's objectives as a tree (each under the objective it aligns with),
 * progress rolled up from key results and aligned objectives, each key result's check-ins over time, and the key
 * results not checked in this week. Reads go by tenant and cycle ({@code okr_objectives}, {@code okr_key_results})
 * and by key result and time ({@code okr_check_ins_key_result_at}).
 */
@Service
public class OkrOverview {

    /** The most check-ins one key result's chart shows. */
    static final int HISTORY_LIMIT = 200;

    private final OkrCycleService cycles;
    private final ObjectiveRepository objectives;
    private final KeyResultRepository keyResults;
    private final CheckInService checkIns;
    private final Clock clock;

    public OkrOverview(OkrCycleService cycles, ObjectiveRepository objectives, KeyResultRepository keyResults,
                       CheckInService checkIns, Clock clock) {
        this.cycles = cycles;
        this.objectives = objectives;
        this.keyResults = keyResults;
        this.checkIns = checkIns;
        this.clock = clock;
    }

    /** An objective, its key results, the objectives aligned under it, and its progress (0..1) rolled up. */
    public record Node(Objective objective, List<KeyResult> keyResults, List<Node> children, double progress) {
        public int percent() {
            return Progress.percent(progress);
        }
    }

    public List<OkrCycle> cycles(TenantRef tenant) {
        return cycles.cycles(tenant);
    }

    /** The cycle asked for by name, else the one running today (or the next), else the latest. */
    public Optional<OkrCycle> cycle(TenantRef tenant, String name) {
        List<OkrCycle> all = cycles.cycles(tenant);
        return all.stream().filter(c -> c.getName().equals(name)).findFirst()
                .or(() -> cycles.currentCycle(tenant))
                .or(() -> all.stream().max(Comparator.comparing(OkrCycle::getStart)));
    }

    /** Every objective of the cycle with its key results. */
    public Map<Objective, List<KeyResult>> objectives(OkrCycle cycle) {
        Map<String, List<KeyResult>> byObjective = keyResults.findByTenantAndCycleIdIn(cycle.getTenant(),
                        List.of(cycle.getId())).stream()
                .sorted(Comparator.comparingLong(KeyResult::getNumber))
                .collect(Collectors.groupingBy(KeyResult::getObjectiveId, LinkedHashMap::new, Collectors.toList()));
        Map<Objective, List<KeyResult>> all = new LinkedHashMap<>();
        objectives.findByTenantAndCycleIdInOrderByNumber(cycle.getTenant(), List.of(cycle.getId()))
                .forEach(o -> all.put(o, byObjective.getOrDefault(o.getId(), List.of())));
        return all;
    }

    /**
     * The objectives given as a forest: each under its parent when the parent is among them, else at the top. An
     * objective's progress is the mean of its key results' and its children's.
     */
    public List<Node> tree(Map<Objective, List<KeyResult>> shown) {
        Map<String, Objective> byId = shown.keySet().stream().collect(Collectors.toMap(Objective::getId,
                Function.identity(), (a, b) -> a, LinkedHashMap::new));
        Map<String, List<Objective>> children = new LinkedHashMap<>();
        List<Objective> roots = new ArrayList<>();
        for (Objective o : shown.keySet()) {
            if (o.getParentId() != null && byId.containsKey(o.getParentId()) && !o.getParentId().equals(o.getId())) {
                children.computeIfAbsent(o.getParentId(), k -> new ArrayList<>()).add(o);
            } else {
                roots.add(o);
            }
        }
        return roots.stream().map(o -> node(o, shown, children, Set.of())).toList();
    }

    private Node node(Objective o, Map<Objective, List<KeyResult>> shown, Map<String, List<Objective>> children,
                      Set<String> above) {
        Set<String> path = new HashSet<>(above);
        path.add(o.getId());
        List<Node> under = children.getOrDefault(o.getId(), List.of()).stream()
                .filter(c -> !path.contains(c.getId()))
                .map(c -> node(c, shown, children, path)).toList();
        List<KeyResult> krs = shown.getOrDefault(o, List.of());
        List<Double> parts = new ArrayList<>();
        krs.forEach(kr -> parts.add(Progress.of(kr)));
        under.forEach(n -> parts.add(n.progress()));
        double progress = parts.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        return new Node(o, krs, under, progress);
    }

    /** The key result's check-ins, oldest first: what its chart draws. */
    public List<CheckIn> history(KeyResult kr) {
        List<CheckIn> newestFirst = new ArrayList<>(checkIns.history(kr, HISTORY_LIMIT));
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** Key results still open that have had no check-in since Monday (UTC), oldest check-in first. */
    public List<KeyResult> missingCheckIns(Collection<KeyResult> shown) {
        Instant week = clock.instant().atZone(ZoneOffset.UTC).toLocalDate()
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(ZoneOffset.UTC).toInstant();
        return shown.stream().filter(kr -> !kr.finished())
                .filter(kr -> kr.getLastCheckInAt() == null || kr.getLastCheckInAt().isBefore(week))
                .sorted(Comparator.comparing(KeyResult::getLastCheckInAt,
                        Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
    }

    /** Whether the person owns the objective or one of its key results: what a member sees of a cycle. */
    public static boolean involves(UserRef person, Objective objective, List<KeyResult> krs) {
        return person.equals(objective.getOwner()) || krs.stream().anyMatch(kr -> person.equals(kr.getOwner()));
    }
}
