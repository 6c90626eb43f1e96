package io.opsbot.core.okr;

import io.opsbot.core.availability.Availability;
import io.opsbot.core.availability.AvailabilityService;
import io.opsbot.core.availability.AvailabilityService.Availabilities;
import io.opsbot.core.blocker.Blocker;
import io.opsbot.core.blocker.Blockers;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.people.Profiles;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
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
     * has no cycle yet. Reads each kind of data once for the whole report (key results, check-ins, blockers,
     * profiles), not once per key result: a report of 200 key results answers within Slack's three seconds.
     */
    public Optional<Report> report(TenantRef tenant, String team, Instant at) {
        Optional<OkrCycle> cycle = cycles.currentCycle(tenant);
        if (cycle.isEmpty()) {
            return Optional.empty();
        }
        String wanted = team == null || team.isBlank() ? null
                : team.strip().toLowerCase(Locale.ROOT).replaceFirst("^#", "");
        Rollup rollup = new Rollup(tenant);
        List<Objective> all = rollup.open.stream()
                .filter(o -> cycle.get().getId().equals(o.getCycleId()) && !o.closed()).toList();
        List<Objective> shown = all.stream().filter(o -> wanted == null || wanted.equals(o.getTeam())).toList();
        List<KeyResult> krs = shown.stream().flatMap(o -> rollup.keyResultsOf(o).stream()).toList();
        OkrSettings okrSettings = settings.get(tenant);
        Statuses read = new Statuses(tenant, okrSettings, cycle.get(), krs, shown, at);
        List<ObjectiveStatus> statuses = new ArrayList<>();
        for (Objective objective : shown) {
            List<KeyResultStatus> states = rollup.keyResultsOf(objective).stream().map(read::status).toList();
            Objective parent = objective.getParentId() == null ? null : rollup.byId(objective.getParentId());
            List<Child> children = rollup.children(objective).stream()
                    .map(c -> new Child(c, rollup.progress(c))).toList();
            statuses.add(new ObjectiveStatus(objective, read.people.displayName(objective.getOwner()), parent,
                    states, children, rollup.progress(objective)));
        }
        List<String> teams = all.stream().map(Objective::getTeam).filter(t -> t != null).distinct().sorted().toList();
        return Optional.of(new Report(cycle.get(), wanted, statuses, teams, okrSettings.getCheckInEvery().period()));
    }

    /**
     * Progress rolled up through the tenant's objectives of open cycles (closed objectives count with what they
     * reached), each computed once per report; their key results read at once.
     */
    private final class Rollup {
        private final TenantRef tenant;
        private final List<Objective> open;
        private final Map<String, Objective> openById = new HashMap<>();
        private final Map<String, List<Objective>> childrenByParent = new HashMap<>();
        private final Map<String, List<KeyResult>> keyResultsByObjective;
        private final Map<String, Double> progress = new HashMap<>();
        private final Set<String> visiting = new HashSet<>();

        Rollup(TenantRef tenant) {
            this.tenant = tenant;
            this.open = objectives.openObjectives(tenant);
            for (Objective o : open) {
                openById.put(o.getId(), o);
                if (o.getParentId() != null) {
                    childrenByParent.computeIfAbsent(o.getParentId(), k -> new ArrayList<>()).add(o);
                }
            }
            keyResultsByObjective = keyResults.keyResultsOf(openById.keySet());
        }

        List<KeyResult> keyResultsOf(Objective objective) {
            return keyResultsByObjective.getOrDefault(objective.getId(), List.of());
        }

        /** An objective of an open cycle, else (a parent in an ended cycle) read. */
        Objective byId(String id) {
            Objective known = openById.get(id);
            return known != null ? known : objectives.objective(tenant, id).orElse(null);
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
            for (KeyResult kr : keyResultsOf(objective)) {
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

    /**
     * Each key result's state this period, from what the report read once for all of them: their check-ins,
     * open blockers, owners' profiles (names, zones, time off), the tenant's settings and holidays.
     */
    private final class Statuses {
        private final OkrSettings okrSettings;
        private final Instant at;
        private final Profiles people;
        private final Availabilities away;
        private final Map<String, List<CheckIn>> history;
        private final Map<String, List<Blocker>> blocking;
        private final Map<String, Optional<OkrCycle>> cyclesById = new HashMap<>();

        Statuses(TenantRef tenant, OkrSettings okrSettings, OkrCycle cycle, List<KeyResult> krs,
                 List<Objective> shown, Instant at) {
            this.okrSettings = okrSettings;
            this.at = at;
            List<String> ids = krs.stream().map(KeyResult::getId).toList();
            Set<UserRef> owners = new HashSet<>();
            krs.forEach(kr -> owners.add(kr.getOwner()));
            shown.forEach(o -> owners.add(o.getOwner()));
            this.people = profiles.profiles(owners);
            this.away = availability.forPeople(tenant, people);
            this.history = checkIns.histories(ids);
            this.blocking = blockers.openOn(tenant, ids);
            cyclesById.put(cycle.getId(), Optional.of(cycle));
        }

        KeyResultStatus status(KeyResult kr) {
            double progress = Progress.of(kr);
            List<CheckIn> checkedIn = history.getOrDefault(kr.getId(), List.of());
            List<Confidence> trend = CheckInService.trend(checkedIn, TREND_LENGTH);
            String ownerName = people.displayName(kr.getOwner());
            List<Blocker> open = blocking.getOrDefault(kr.getId(), List.of());
            Cadence cadence = OkrSettingsService.cadenceFor(kr.getOwner(), okrSettings, people);
            Optional<Instant> prompt = cadence.latestPrompt(at);
            if (prompt.isEmpty()) {
                return new KeyResultStatus(kr, ownerName, progress, progress, trend, KeyResultStatus.Week.NOT_DUE,
                        null, open);
            }
            Instant weekStart = Cadence.windowStart(prompt.get());
            double before = CheckInService.lastBefore(checkedIn, weekStart).map(CheckIn::getProgress)
                    .orElse(kr.getCreatedAt().isBefore(weekStart) ? 0.0 : progress);
            KeyResultStatus.Week week;
            String awayWhy = null;
            if (kr.getLastCheckInAt() != null && !kr.getLastCheckInAt().isBefore(weekStart)) {
                week = KeyResultStatus.Week.CHECKED_IN;
            } else if (kr.getCreatedAt().isAfter(prompt.get()) || kr.finished()
                       || cyclesById.computeIfAbsent(kr.getCycleId(), cycles::cycle)
                               .map(c -> !c.covers(cadence.period(prompt.get()))).orElse(true)) {
                week = KeyResultStatus.Week.NOT_DUE;
            } else {
                Availability on = away.on(kr.getOwner(), cadence.period(prompt.get()), List.of());
                week = on.available() ? KeyResultStatus.Week.MISSING : KeyResultStatus.Week.AWAY;
                awayWhy = on.reason();
            }
            return new KeyResultStatus(kr, ownerName, progress, before, trend, week, awayWhy, open);
        }
    }
}
