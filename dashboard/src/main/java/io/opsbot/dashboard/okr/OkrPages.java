package io.opsbot.dashboard.okr;

import io.opsbot.core.access.Role;
import io.opsbot.core.okr.CheckIn;
import io.opsbot.core.okr.KeyResult;
import io.opsbot.core.okr.KeyResultService;
import io.opsbot.core.okr.Objective;
import io.opsbot.core.okr.ObjectiveService;
import io.opsbot.core.okr.OkrCycle;
import io.opsbot.core.okr.OkrOverview;
import io.opsbot.core.okr.Progress;
import io.opsbot.core.reference.Reference;
import io.opsbot.dashboard.web.Charts;
import io.opsbot.dashboard.web.NotFound;
import io.opsbot.dashboard.web.Viewer;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code /dashboard/okrs}. An admin sees the whole cycle; a manager the objectives they manage (as
 * {@code ObjectiveService.managedBy}) and those they own or hold key results in; a member only the latter. An
 * objective aligned with one the viewer does not see names its parent.
 */
@Controller
@RequestMapping("/dashboard/okrs")
class OkrPages {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final OkrOverview overview;
    private final ObjectiveService objectives;
    private final KeyResultService keyResults;
    private final Charts charts;

    OkrPages(OkrOverview overview, ObjectiveService objectives, KeyResultService keyResults, Charts charts) {
        this.overview = overview;
        this.objectives = objectives;
        this.keyResults = keyResults;
        this.charts = charts;
    }

    @GetMapping
    String okrs(@ModelAttribute("viewer") Viewer viewer, @RequestParam(required = false) String cycle, Model model) {
        Optional<OkrCycle> shownCycle = overview.cycle(viewer.tenant(), cycle);
        model.addAttribute("cycles", overview.cycles(viewer.tenant()));
        model.addAttribute("cycle", shownCycle.orElse(null));
        if (shownCycle.isEmpty()) {
            model.addAttribute("tree", List.of());
            model.addAttribute("missing", List.of());
            return "dashboard/okrs";
        }
        Map<Objective, List<KeyResult>> all = overview.objectives(shownCycle.get());
        Set<String> managed = viewer.has(Role.ADMIN) ? all.keySet().stream().map(Objective::getId)
                .collect(Collectors.toSet())
                : objectives.managedBy(viewer.user()).stream().map(Objective::getId).collect(Collectors.toSet());
        Map<Objective, List<KeyResult>> shown = new LinkedHashMap<>();
        all.forEach((o, krs) -> {
            if (managed.contains(o.getId()) || OkrOverview.involves(viewer.user(), o, krs)) {
                shown.put(o, krs);
            }
        });
        Map<String, Objective> byId = new HashMap<>();
        all.keySet().forEach(o -> byId.put(o.getId(), o));
        List<OkrOverview.Node> tree = overview.tree(shown);
        model.addAttribute("tree", tree);
        model.addAttribute("parents", byId);
        model.addAttribute("missing", overview.missingCheckIns(shown.values().stream().flatMap(List::stream)
                .toList()));
        model.addAttribute("progressChart", charts.chart("bar",
                tree.stream().map(n -> n.objective().reference() + " " + n.objective().getTitle()).toList(),
                List.of(new Charts.Series("Progress %", tree.stream().map(OkrOverview.Node::percent).toList())),
                Map.of("yTitle", "Progress %", "horizontal", true)));
        return "dashboard/okrs";
    }

    @GetMapping("/{ref}")
    String keyResult(@ModelAttribute("viewer") Viewer viewer, @PathVariable String ref, Model model) {
        KeyResult kr = Reference.parse(ref, KeyResult.KIND).flatMap(r -> keyResults.find(viewer.tenant(), r))
                .orElseThrow(() -> new NotFound("Key result " + ref));
        Objective objective = objectives.objective(viewer.tenant(), kr.getObjectiveId())
                .orElseThrow(() -> new NotFound("Key result " + ref));
        boolean mayLook = viewer.has(Role.ADMIN) || OkrOverview.involves(viewer.user(), objective, List.of(kr))
                          || objectives.managedBy(viewer.user()).stream()
                                  .anyMatch(o -> o.getId().equals(objective.getId()));
        if (!mayLook) {
            // Not theirs to read: the same answer as a key result that does not exist.
            throw new NotFound("Key result " + ref);
        }
        List<CheckIn> history = overview.history(kr);
        model.addAttribute("kr", kr);
        model.addAttribute("objective", objective);
        model.addAttribute("progress", Progress.percent(Progress.of(kr)));
        List<CheckIn> newestFirst = new ArrayList<>(history);
        Collections.reverse(newestFirst);
        model.addAttribute("history", newestFirst);
        model.addAttribute("historyChart", charts.chart("progress",
                history.stream().map(c -> DAY.format(c.getAt())).toList(),
                List.of(new Charts.Series("Progress", history.stream()
                                .map(c -> Progress.percent(c.getProgress())).toList()),
                        new Charts.Series("Confidence", history.stream()
                                .map(c -> c.getConfidence() == null ? null : c.getConfidence().rank()).toList())),
                Map.of("yTitle", "Progress", "confidenceSeries", 1)));
        return "dashboard/okr-key-result";
    }
}
