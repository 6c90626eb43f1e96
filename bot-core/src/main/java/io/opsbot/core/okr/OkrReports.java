package io.opsbot.core.okr;

import io.opsbot.core.availability.Availability;
import io.opsbot.core.availability.AvailabilityService;
import io.opsbot.core.blocker.Blocker;
import io.opsbot.core.blocker.Blockers;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.tenant.TenantRef;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What reports and digests show: each open objective of the current cycle with its key results' progress, confidence
 * trend and this period's check-in state, in each owner's own week, and its progress rolled up (weighted) from its key
 * results and its child objectives.
 */
@Service
public class OkrReports {

    static final int TREND_LENGTH = 4;

    private final OkrCycleService cycles;
    private final ObjectiveService objectives;
    private final KeyResultService keyResults;
    private final CheckInService checkIns;
    private final OkrSettingsService settings;
    private final AvailabilityService availability;
    private final ProfileService profiles;
    private final Blockers blockers;

    public OkrReports(OkrCycleService cycles, ObjectiveService objectives, KeyResultService keyResults,
                      CheckInService checkIns, OkrSettingsService settings, AvailabilityService availability,
                      ProfileService profiles, Blockers blockers) {
        this.blockers = blockers;
        this.cycles = cycles;
        this.objectives = objectives;
        this.keyResults = keyResults;
        this.checkIns = checkIns;
        this.settings = settings;
        this.availability = availability;
        this.profiles = profiles;
    }

    /**
     * One objective, its key results' states, the child objectives aligned with it and its progress: the weighted
     * average of its key results' and its children's progress (0 with neither).
     */
    public record ObjectiveStatus(Objective objective, String ownerName, Objective parent,
                                  List<KeyResultStatus> keyResults, List<Child> children, double progress) {
    }

    /** A child objective as its parent shows it. */
    public record Child(Objective objective, double progress) {
    }

    /**
     * The current cycle's objectives at {@code at}, of one team ({@code team} null: all). Empty when the tenant
     * has no cycle yet.
     */
    public Optional<Report> report(TenantRef tenant, String team, Instant at) {
        Optional<OkrCycle> cycle = cycles.currentCycle(tenant);
        if (cycle.isEmpty()) {
            return Optional.empty();
        }
        String wanted = team == null || team.isBlank() ? null
                : team.strip().toLowerCase(Locale.ROOT).replaceFirst("^#", "");
        List<Objective> all = objectives.objectivesIn(tenant, List.of(cycle.get().getId())).stream()
                .filter(o -> !o.closed()).toList();
        Rollup rollup = new Rollup(tenant);
        List<ObjectiveStatus> statuses = new ArrayList<>();
        for (Objective objective : all) {
            if (wanted != null && !wanted.equals(objective.getTeam())) {
                continue;
            }
            List<KeyResultStatus> krs = keyResults.keyResultsOf(objective).stream().map(kr -> status(kr, at)).toList();
            Objective parent = objective.getParentId() == null ? null
                    : objectives.objective(tenant, objective.getParentId()).orElse(null);
            List<Child> children = rollup.children(objective).stream()
                    .map(c -> new Child(c, rollup.progress(c))).toList();
            statuses.add(new ObjectiveStatus(objective, profiles.displayName(objective.getOwner()), parent, krs,
                    children, rollup.progress(objective)));
        }
        List<String> teams = all.stream().map(Objective::getTeam).filter(t -> t != null).distinct().sorted().toList();
        return Optional.of(new Report(cycle.get(), wanted, statuses, teams,
                settings.get(tenant).getCheckInEvery().period()));
    }

    /**
     * Progress rolled up through the tenant's objectives of open cycles (closed objectives count with what they
     * reached), each computed once per report.
     */
    private final class Rollup {
        private final Map<String, List<Objective>> childrenByParent = new HashMap<>();
        private final Map<String, Double> progress = new HashMap<>();
        private final Set<String> visiting = new HashSet<>();

        Rollup(TenantRef tenant) {
            for (Objective o : objectives.openObjectives(tenant)) {
                if (o.getParentId() != null) {
                    childrenByParent.computeIfAbsent(o.getParentId(), k -> new ArrayList<>()).add(o);
                }
            }
        }

        List<Objective> children(Objective parent) {
            return childrenByParent.getOrDefault(parent.getId(), List.of());
        }

        double progress(Objective objective) {
            Double known = progress.get(objective.getId());
            if (known != null) {
                return known;
            }
            if (!visiting.add(objective.getId())) {
                return 0; // objectives are checked against circles when aligned; never loop on old data
            }
            double sum = 0;
            double weights = 0;
            for (KeyResult kr : keyResults.keyResultsOf(objective)) {
                sum += kr.weight() * Progress.of(kr);
                weights += kr.weight();
            }
            for (Objective child : children(objective)) {
                sum += child.weight() * progress(child);
                weights += child.weight();
            }
            double result = weights == 0 ? 0 : sum / weights;
            visiting.remove(objective.getId());
            progress.put(objective.getId(), result);
            return result;
        }
    }

    /** {@code period} names the check-in period ("week", "two weeks", "month") for "not checked in this ...". */
    public record Report(OkrCycle cycle, String team, List<ObjectiveStatus> objectives, List<String> teams,
                         String period) {
    }

    public KeyResultStatus status(KeyResult kr, Instant at) {
        double progress = Progress.of(kr);
        List<Confidence> trend = checkIns.trend(kr, TREND_LENGTH);
        String ownerName = profiles.displayName(kr.getOwner());
        List<Blocker> open = blockers.openOn(kr.getTenant(), kr.getId());
        Cadence cadence = settings.cadenceFor(kr.getOwner());
        Optional<Instant> prompt = cadence.latestPrompt(at);
        if (prompt.isEmpty()) {
            return new KeyResultStatus(kr, ownerName, progress, progress, trend, KeyResultStatus.Week.NOT_DUE, null,
                    open);
        }
        Instant weekStart = Cadence.windowStart(prompt.get());
        double before = checkIns.lastBefore(kr, weekStart).map(CheckIn::getProgress)
                .orElse(kr.getCreatedAt().isBefore(weekStart) ? 0.0 : progress);
        KeyResultStatus.Week week;
        String away = null;
        if (kr.getLastCheckInAt() != null && !kr.getLastCheckInAt().isBefore(weekStart)) {
            week = KeyResultStatus.Week.CHECKED_IN;
        } else if (kr.getCreatedAt().isAfter(prompt.get()) || kr.finished()
                || cycles.cycle(kr.getCycleId()).map(c -> !c.covers(cadence.period(prompt.get()))).orElse(true)) {
            week = KeyResultStatus.Week.NOT_DUE;
        } else {
            Availability on = availability.on(kr.getOwner(), cadence.period(prompt.get()), List.of());
            week = on.available() ? KeyResultStatus.Week.MISSING : KeyResultStatus.Week.AWAY;
            away = on.reason();
        }
        return new KeyResultStatus(kr, ownerName, progress, before, trend, week, away, open);
    }
}
