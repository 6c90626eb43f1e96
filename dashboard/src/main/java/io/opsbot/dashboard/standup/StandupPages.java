package io.opsbot.dashboard.standup;

import io.opsbot.core.standup.Standup;
import io.opsbot.core.standup.StandupChanges;
import io.opsbot.core.standup.StandupReport;
import io.opsbot.core.standup.StandupService;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.dashboard.web.Charts;
import io.opsbot.dashboard.web.NotFound;
import io.opsbot.dashboard.web.Viewer;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /dashboard/standups}. An admin sees every standup of the tenant, a manager the standups they manage (as
 * {@code StandupChanges.managedBy} says for chat), a member their own answers only. Pausing and resuming go through
 * the same service as {@code /standup pause}, which checks the standup's managers and writes the audit log.
 */
@Controller
@RequestMapping("/dashboard/standups")
class StandupPages {

    static final int WEEKS = 8;
    private static final DateTimeFormatter WEEK = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

    private final StandupService standups;
    private final StandupChanges changes;
    private final StandupReport report;
    private final Charts charts;
    private final Clock clock;

    StandupPages(StandupService standups, StandupChanges changes, StandupReport report, Charts charts, Clock clock) {
        this.standups = standups;
        this.changes = changes;
        this.report = report;
        this.charts = charts;
        this.clock = clock;
    }

    @GetMapping
    String standups(@ModelAttribute("viewer") Viewer viewer, @RequestParam(required = false) String standup,
                    @RequestParam(required = false) String person, @RequestParam(required = false) String from,
                    @RequestParam(required = false) String to, Model model) {
        List<Standup> managed = changes.managedBy(viewer.user());
        boolean seesTeams = !managed.isEmpty();
        // A member reads their own answers to any standup of the tenant; a manager their teams' (and their own).
        List<Standup> visible = seesTeams ? managed : standups.inTenant(viewer.tenant());
        List<Standup> shown = standup == null || standup.isBlank() ? visible
                : visible.stream().filter(s -> s.getId().equals(standup)).toList();
        UserRef who = !seesTeams ? viewer.user()
                : person == null || person.isBlank() ? null : new UserRef(viewer.tenant(), person);
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate end = day(to, today);
        LocalDate start = day(from, end.minusDays(13));

        StandupReport.Participation participation = report.participation(shown, who, WEEKS);
        model.addAttribute("participationChart", charts.chart("progress",
                participation.weeks().stream().map(WEEK::format).toList(),
                participation.people().stream().limit(12).map(p -> new Charts.Series(p.name(), p.percentByWeek()))
                        .toList(), Map.of("yTitle", "Answered")));
        model.addAttribute("participation", participation);
        model.addAttribute("blockers", report.openBlockers(shown, who));
        model.addAttribute("answers", report.answers(shown, who, start, end));
        model.addAttribute("standups", visible);
        model.addAttribute("managed", managed);
        model.addAttribute("seesTeams", seesTeams);
        model.addAttribute("selected", standup);
        model.addAttribute("person", person);
        model.addAttribute("from", start);
        model.addAttribute("to", end);
        return "dashboard/standups";
    }

    @PostMapping("/{id}/paused")
    String pause(@ModelAttribute("viewer") Viewer viewer, @PathVariable String id, @RequestParam boolean paused) {
        Standup standup = standups.find(id).filter(s -> s.getTenant().equals(viewer.tenant()))
                .orElseThrow(() -> new NotFound("That standup"));
        changes.setPaused(viewer.actor(), standup, paused);
        return "redirect:/dashboard/standups";
    }

    private static LocalDate day(String text, LocalDate otherwise) {
        try {
            return text == null || text.isBlank() ? otherwise : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return otherwise;
        }
    }
}
