package io.opsbot.dashboard.feedback;

import io.opsbot.core.access.Role;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.feedback.FeedbackBoard;
import io.opsbot.core.feedback.FeedbackCsv;
import io.opsbot.core.feedback.FeedbackItem;
import io.opsbot.core.feedback.FeedbackService;
import io.opsbot.core.feedback.FeedbackStatus;
import io.opsbot.core.feedback.FeedbackType;
import io.opsbot.core.people.PersonProfile;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.reference.Reference;
import io.opsbot.core.settings.TenantSettingsService;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.dashboard.web.Charts;
import io.opsbot.dashboard.web.NotFound;
import io.opsbot.dashboard.web.Viewer;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code /dashboard/feedback}: the board of the viewer's tenant. Everyone may look (as {@code feedback list} in
 * chat); the current filter exports as CSV; triagers and admins change statuses and owners, through the same service
 * as the triage card's buttons and {@code feedback owner}, so the reporter is told and the change is in the audit log.
 * Filter changes and status changes swap parts of the page with htmx.
 */
@Controller
@RequestMapping("/dashboard/feedback")
class FeedbackPages {

    static final int PAGE_SIZE = 25;
    static final int TREND_WEEKS = 12;
    static final int TOP_VOTED = 5;
    /** How many of the tenant's people the owner pickers offer (those the bot met most recently). */
    static final int PEOPLE_OFFERED = 200;
    private static final DateTimeFormatter WEEK = DateTimeFormatter.ofPattern("d MMM");

    private final FeedbackBoard board;
    private final FeedbackService feedback;
    private final TenantSettingsService settings;
    private final ProfileService profiles;
    private final Charts charts;
    private final Clock clock;

    FeedbackPages(FeedbackBoard board, FeedbackService feedback, TenantSettingsService settings,
                  ProfileService profiles, Charts charts, Clock clock) {
        this.board = board;
        this.feedback = feedback;
        this.settings = settings;
        this.profiles = profiles;
        this.charts = charts;
        this.clock = clock;
    }

    @GetMapping
    String board(@ModelAttribute("viewer") Viewer viewer, BoardFilter filter,
                 @RequestHeader(value = "HX-Request", required = false) String htmx, Model model) {
        FeedbackBoard.Filter f = filter.toFilter(viewer.user());
        model.addAttribute("filter", filter);
        model.addAttribute("page", board.page(viewer.tenant(), f, filter.pageNumber(), PAGE_SIZE));
        FeedbackBoard.WeeklyTrend trend = board.weekly(viewer.tenant(), f, TREND_WEEKS);
        List<String> weeks = trend.weeks().stream().map(WEEK::format).toList();
        model.addAttribute("trendByArea", charts.chart("bar", weeks, series(trend.byArea()),
                Map.of("yTitle", "New items")));
        model.addAttribute("trendByType", charts.chart("bar", weeks, series(trend.byType()),
                Map.of("yTitle", "New items")));
        model.addAttribute("statuses", FeedbackStatus.values());
        if (htmx != null) {
            return "dashboard/feedback :: results";
        }
        model.addAttribute("areas", settings.feedbackAreas(viewer.tenant()));
        model.addAttribute("types", FeedbackType.values());
        model.addAttribute("customers", board.customers(viewer.tenant()));
        model.addAttribute("people", people(viewer));
        model.addAttribute("topVoted", board.topVoted(viewer.tenant(), TOP_VOTED));
        return "dashboard/feedback";
    }

    /** The items of the current filter (every page of it) as a file, named for the day it was taken. */
    @GetMapping("/export.csv")
    void export(@ModelAttribute("viewer") Viewer viewer, BoardFilter filter, HttpServletResponse response)
            throws IOException {
        List<FeedbackItem> items = board.all(viewer.tenant(), filter.toFilter(viewer.user()));
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("feedback-" + LocalDate.now(clock.withZone(ZoneOffset.UTC)) + ".csv").build().toString());
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        FeedbackCsv.write(items, response.getWriter());
    }

    @GetMapping("/{ref}")
    String item(@ModelAttribute("viewer") Viewer viewer, @PathVariable String ref, Model model) {
        model.addAttribute("item", find(viewer, ref));
        model.addAttribute("statuses", FeedbackStatus.values());
        if (viewer.isTriager()) {
            model.addAttribute("people", people(viewer));
        }
        return "dashboard/feedback-item";
    }

    /**
     * A triager's owner change from the item's page: {@code me}, or one of the tenant's people the page offered.
     * The same core call as {@code feedback owner}, so it is audited the same way.
     */
    @PostMapping("/{ref}/owner")
    String owner(@ModelAttribute("viewer") Viewer viewer, @PathVariable String ref, @RequestParam String owner) {
        viewer.require(Role.TRIAGER, "change a feedback item's owner");
        FeedbackItem item = find(viewer, ref);
        UserRef to = "me".equals(owner) ? viewer.user() : people(viewer).stream().map(PersonProfile::getUser)
                .filter(person -> person.userId().equals(owner)).findFirst()
                .orElseThrow(() -> new UserError("“" + owner + "” is not someone of this "
                        + viewer.tenant().platform().tenantNoun() + " I know."));
        FeedbackItem changed = feedback.assign(viewer.invoker(), item.getId(), to);
        return "redirect:/dashboard/feedback/" + changed.reference();
    }

    /** A triager's status change: from the board (htmx swaps the row) or from the item's page. */
    @PostMapping("/{ref}/status")
    String status(@ModelAttribute("viewer") Viewer viewer, @PathVariable String ref, @RequestParam String status,
                  @RequestHeader(value = "HX-Request", required = false) String htmx, Model model) {
        viewer.require(Role.TRIAGER, "change a feedback item's status");
        FeedbackItem item = find(viewer, ref);
        FeedbackStatus to = FeedbackStatus.parse(status).orElseThrow(() -> new UserError(
                "“" + status + "” is not a status."));
        FeedbackItem changed = feedback.changeStatus(viewer.invoker(), item.getId(), to, true);
        if (htmx != null) {
            model.addAttribute("item", changed);
            model.addAttribute("statuses", FeedbackStatus.values());
            return "dashboard/feedback-row :: row";
        }
        return "redirect:/dashboard/feedback/" + changed.reference();
    }

    private FeedbackItem find(Viewer viewer, String ref) {
        return Reference.parse(ref, FeedbackItem.KIND).flatMap(r -> feedback.find(viewer.tenant(), r))
                .orElseThrow(() -> new NotFound("Feedback " + ref));
    }

    private List<PersonProfile> people(Viewer viewer) {
        return profiles.knownPeople(viewer.tenant(), PEOPLE_OFFERED);
    }

    private static List<Charts.Series> series(Map<String, int[]> counts) {
        return counts.entrySet().stream().map(e -> new Charts.Series(e.getKey(),
                Arrays.stream(e.getValue()).boxed().toList())).toList();
    }
}
