package io.opsbot.dashboard.onboarding;

import io.opsbot.core.onboarding.OnboardingRun;
import io.opsbot.core.onboarding.OnboardingService;
import io.opsbot.core.training.Announcement;
import io.opsbot.core.training.TrainingOverview;
import io.opsbot.core.training.TrainingSession;
import io.opsbot.dashboard.web.Charts;
import io.opsbot.dashboard.web.Viewer;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /dashboard/onboarding}. An admin sees every run, training and announcement of the tenant; a manager the runs
 * they started or are told about and what they organised; a member their own run, and the trainings and
 * announcements they were sent (with only their own answer).
 */
@Controller
@RequestMapping("/dashboard/onboarding")
class OnboardingPages {

    static final int PAST_DAYS = 60;

    private final OnboardingService onboarding;
    private final TrainingOverview trainings;
    private final Charts charts;

    OnboardingPages(OnboardingService onboarding, TrainingOverview trainings, Charts charts) {
        this.onboarding = onboarding;
        this.trainings = trainings;
        this.charts = charts;
    }

    /** A run as the page shows it: the person, where they are, and which steps are overdue. */
    record RunRow(OnboardingRun run, int current, List<Integer> overdue) {
    }

    @GetMapping
    String onboarding(@ModelAttribute("viewer") Viewer viewer, Model model) {
        List<OnboardingRun> runs = viewer.isAdmin() ? onboarding.active(viewer.tenant())
                : onboarding.active(viewer.tenant()).stream()
                        .filter(r -> r.getUser().equals(viewer.user()) || viewer.isManager()
                                     && (viewer.user().equals(r.getStartedBy())
                                         || r.getNotify().contains(viewer.user())))
                        .toList();
        model.addAttribute("runs", runs.stream().map(r -> new RunRow(r, r.focus(),
                onboarding.overdue(r).stream().map(OnboardingService.Overdue::index).toList())).toList());

        List<TrainingSession> sessions = trainings.sessions(viewer.tenant(), PAST_DAYS).stream()
                .filter(s -> viewer.isAdmin() || viewer.user().equals(s.getOrganizer())
                             || s.getAudience().contains(viewer.user()))
                .toList();
        List<Announcement> announcements = trainings.announcements(viewer.tenant(), PAST_DAYS).stream()
                .filter(a -> viewer.isAdmin() || viewer.user().equals(a.getOrganizer())
                             || a.getAudience().contains(viewer.user()))
                .toList();
        model.addAttribute("sessions", sessions);
        model.addAttribute("announcements", announcements);
        model.addAttribute("rsvpChart", charts.chart("bar",
                sessions.stream().map(s -> s.reference() + " " + s.getTitle()).toList(),
                List.of(new Charts.Series("Attending", sessions.stream()
                                .map(s -> s.with(TrainingSession.Answer.ATTENDING).size()).toList()),
                        new Charts.Series("Declined", sessions.stream()
                                .map(s -> s.with(TrainingSession.Answer.DECLINED).size()).toList()),
                        new Charts.Series("No answer", sessions.stream().map(s -> s.unanswered().size()).toList())),
                Map.of("yTitle", "People")));
        model.addAttribute("ackChart", charts.chart("bar",
                announcements.stream().map(a -> a.reference() + " " + a.getTitle()).toList(),
                List.of(new Charts.Series("Acknowledged", announcements.stream().map(a -> a.getAcks().size()).toList()),
                        new Charts.Series("Waiting", announcements.stream().map(a -> a.pending().size()).toList())),
                Map.of("yTitle", "People")));
        Map<String, Boolean> mine = new LinkedHashMap<>();
        announcements.forEach(a -> mine.put(a.getId(), a.acknowledged(viewer.user())));
        model.addAttribute("acknowledgedByMe", mine);
        return "dashboard/onboarding";
    }
}
