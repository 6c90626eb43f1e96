package io.opsbot.core.okr;

import io.opsbot.core.availability.Availability;
import io.opsbot.core.availability.AvailabilityService;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.tenant.TenantRef;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What reports and digests show: each objective of the current cycle with its key results' progress, confidence
 * trend and this week's check-in state, in each owner's own week.
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

    public OkrReports(OkrCycleService cycles, ObjectiveService objectives, KeyResultService keyResults,
                      CheckInService checkIns, OkrSettingsService settings, AvailabilityService availability,
                      ProfileService profiles) {
        this.cycles = cycles;
        this.objectives = objectives;
        this.keyResults = keyResults;
        this.checkIns = checkIns;
        this.settings = settings;
        this.availability = availability;
        this.profiles = profiles;
    }

    /** One objective and its key results' states. */
    public record ObjectiveStatus(Objective objective, String ownerName, Objective parent,
                                  List<KeyResultStatus> keyResults) {

        /** The average of the key results' progress (0 without key results). */
        public double progress() {
            return keyResults.stream().mapToDouble(KeyResultStatus::progress).average().orElse(0);
        }
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
        List<Objective> all = objectives.objectivesIn(tenant, List.of(cycle.get().getId()));
        List<ObjectiveStatus> statuses = new ArrayList<>();
        for (Objective objective : all) {
            if (wanted != null && !wanted.equals(objective.getTeam())) {
                continue;
            }
            List<KeyResultStatus> krs = keyResults.keyResultsOf(objective).stream().map(kr -> status(kr, at)).toList();
            Objective parent = objective.getParentId() == null ? null
                    : objectives.objective(tenant, objective.getParentId()).orElse(null);
            statuses.add(new ObjectiveStatus(objective, profiles.displayName(objective.getOwner()), parent, krs));
        }
        List<String> teams = all.stream().map(Objective::getTeam).filter(t -> t != null).distinct().sorted().toList();
        return Optional.of(new Report(cycle.get(), wanted, statuses, teams));
    }

    public record Report(OkrCycle cycle, String team, List<ObjectiveStatus> objectives, List<String> teams) {
    }

    public KeyResultStatus status(KeyResult kr, Instant at) {
        double progress = Progress.of(kr);
        List<Confidence> trend = checkIns.trend(kr, TREND_LENGTH);
        String ownerName = profiles.displayName(kr.getOwner());
        Cadence cadence = settings.cadenceFor(kr.getOwner());
        Optional<Instant> prompt = cadence.latestPrompt(at);
        if (prompt.isEmpty()) {
            return new KeyResultStatus(kr, ownerName, progress, progress, trend, KeyResultStatus.Week.NOT_DUE, null);
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
        return new KeyResultStatus(kr, ownerName, progress, before, trend, week, away);
    }
}
