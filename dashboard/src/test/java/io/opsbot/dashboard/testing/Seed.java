package io.opsbot.dashboard.testing;

import io.opsbot.core.access.AccessPolicy;
import io.opsbot.core.access.Role;
import io.opsbot.core.audit.Actor;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.feedback.FeedbackDraft;
import io.opsbot.core.feedback.FeedbackItem;
import io.opsbot.core.feedback.FeedbackService;
import io.opsbot.core.feedback.FeedbackSource;
import io.opsbot.core.feedback.FeedbackType;
import io.opsbot.core.okr.CheckIn;
import io.opsbot.core.okr.CheckInService;
import io.opsbot.core.okr.Confidence;
import io.opsbot.core.okr.KeyResult;
import io.opsbot.core.okr.KeyResultDraft;
import io.opsbot.core.okr.KeyResultService;
import io.opsbot.core.okr.MetricType;
import io.opsbot.core.okr.Objective;
import io.opsbot.core.okr.ObjectiveDraft;
import io.opsbot.core.okr.ObjectiveService;
import io.opsbot.core.okr.OkrCycle;
import io.opsbot.core.okr.OkrCycleService;
import io.opsbot.core.onboarding.OnboardingService;
import io.opsbot.core.standup.Standup;
import io.opsbot.core.standup.StandupFixture;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.core.training.AnnouncementDraft;
import io.opsbot.core.training.AnnouncementService;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A tenant's worth of data made through the core's own services (as chat would), with times moved back where a chart
 * needs weeks of history.
 */
@Component
public class Seed {

    private final FeedbackService feedback;
    private final AccessPolicy access;
    private final OkrCycleService cycles;
    private final ObjectiveService objectives;
    private final KeyResultService keyResults;
    private final CheckInService checkIns;
    private final OnboardingService onboarding;
    private final AnnouncementService announcements;
    private final MongoTemplate mongo;
    private final MutableClock clock;

    public Seed(FeedbackService feedback, AccessPolicy access, OkrCycleService cycles, ObjectiveService objectives,
                KeyResultService keyResults, CheckInService checkIns, OnboardingService onboarding,
                AnnouncementService announcements, MongoTemplate mongo, MutableClock clock) {
        this.feedback = feedback;
        this.access = access;
        this.cycles = cycles;
        this.objectives = objectives;
        this.keyResults = keyResults;
        this.checkIns = checkIns;
        this.onboarding = onboarding;
        this.announcements = announcements;
        this.mongo = mongo;
        this.clock = clock;
    }

    public void grant(UserRef user, Role role) {
        access.grant(user, role);
    }

    /** An item captured in chat by the person, then dated {@code daysAgo} days back. */
    public FeedbackItem feedback(UserRef reporter, String name, String summary, FeedbackType type, String area,
                                 String customer, int daysAgo) {
        FeedbackItem item = feedback.capture(new Invoker(reporter, name, null, true, null),
                new FeedbackDraft(summary, null, type, area, customer, 3, null), FeedbackSource.COMMAND);
        Instant at = clock.instant().minus(Duration.ofDays(daysAgo));
        mongo.updateFirst(Query.query(Criteria.where("_id").is(item.getId())),
                new Update().set("createdAt", at).set("updatedAt", at), FeedbackItem.class);
        return item;
    }

    /** A varied board: areas and types over twelve weeks, several reporters and customers. */
    public void board(TenantRef tenant) {
        String[] areas = {"reporting", "billing", "mobile", "integrations", "onboarding"};
        FeedbackType[] types = {FeedbackType.BUG, FeedbackType.FEATURE_REQUEST, FeedbackType.IMPROVEMENT,
                FeedbackType.QUESTION, FeedbackType.BUG, FeedbackType.PRAISE};
        String[] customers = {"Acme", "Globex", "Initech", null};
        String[] summaries = {"Export to CSV times out on large reports", "Invoice PDF shows the wrong VAT",
                "App crashes when switching workspaces", "Salesforce sync drops custom fields",
                "Welcome tour skips the billing step", "Dashboard filters reset after refresh",
                "Allow annual billing for teams", "Push notifications arrive twice",
                "Zapier trigger for new invoices", "Great onboarding checklist, thanks!"};
        for (int i = 0; i < 40; i++) {
            int reporter = i % 4;
            feedback(new UserRef(tenant, "U" + (100 + reporter)), List.of("Ana", "Bo", "Cy", "Dee").get(reporter),
                    summaries[i % summaries.length], types[i % types.length], areas[(i * 7) % areas.length],
                    customers[i % customers.length], (i * 83) % 80);
        }
    }

    /** A cycle with an aligned objective tree, key results and weeks of check-ins. */
    public KeyResult okrs(UserRef manager, String managerName) {
        Actor by = Actor.inChat(manager, managerName);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        OkrCycle cycle = cycles.startCycle(by, "2026-H1", today.minusWeeks(9), today.plusWeeks(16));
        Objective company = objectives.create(by, new ObjectiveDraft(cycle.getId(), "Customers love reporting",
                manager, "Product", null));
        Objective team = objectives.create(by, new ObjectiveDraft(cycle.getId(), "Reports load in under 2 seconds",
                manager, "Product", company.getId()));
        KeyResult nps = keyResults.create(by, new KeyResultDraft(company.getId(), "Reporting NPS", manager,
                MetricType.NUMBER, BigDecimal.valueOf(20), BigDecimal.valueOf(45), BigDecimal.valueOf(20), "points",
                today.plusWeeks(16)));
        KeyResult p95 = keyResults.create(by, new KeyResultDraft(team.getId(), "p95 report load time", manager,
                MetricType.NUMBER, BigDecimal.valueOf(6), BigDecimal.valueOf(2), BigDecimal.valueOf(6), "s",
                today.plusWeeks(16)));
        keyResults.create(by, new KeyResultDraft(team.getId(), "Slow-query alerts in place", manager,
                MetricType.DONE, null, null, null, null, today.plusWeeks(4)));
        String[] values = {"22", "25", "27", "26", "30", "33", "34"};
        Confidence[] confidence = {Confidence.ON_TRACK, Confidence.ON_TRACK, Confidence.AT_RISK, Confidence.AT_RISK,
                Confidence.ON_TRACK, Confidence.ON_TRACK, Confidence.ON_TRACK};
        String[] times = {"5.8", "5.1", "4.7", "4.9", "4.2", "3.6", "3.3"};
        Confidence[] timeConfidence = {Confidence.AT_RISK, Confidence.AT_RISK, Confidence.OFF_TRACK,
                Confidence.OFF_TRACK, Confidence.AT_RISK, Confidence.AT_RISK, Confidence.ON_TRACK};
        for (int week = 0; week < values.length; week++) {
            CheckIn a = checkIns.record(manager, managerName, nps.getId(), values[week], confidence[week],
                    "Week " + (week + 1), CheckIn.Source.COMMAND);
            CheckIn b = checkIns.record(manager, managerName, p95.getId(), times[week], timeConfidence[week], null,
                    CheckIn.Source.COMMAND);
            Instant at = clock.instant().minus(Duration.ofDays(7L * (values.length - week)));
            for (CheckIn c : List.of(a, b)) {
                mongo.updateFirst(Query.query(Criteria.where("_id").is(c.getId())), new Update().set("at", at),
                        CheckIn.class);
            }
        }
        mongo.updateMulti(Query.query(Criteria.where("tenant").is(manager.tenant())),
                new Update().set("lastCheckInAt", clock.instant().minus(Duration.ofDays(7))), KeyResult.class);
        return nps;
    }

    /** A standup over four weeks: three people, some days missed, one blocker standing for days. */
    public Standup standups(UserRef manager, List<UserRef> people, List<String> names) {
        StandupFixture fixture = new StandupFixture(mongo);
        Standup standup = fixture.standup(manager.tenant(), "Product daily", manager, people, clock.instant());
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        for (int d = 27; d >= 0; d--) {
            LocalDate day = today.minusDays(d);
            if (day.getDayOfWeek().getValue() > 5) {
                continue;
            }
            for (int p = 0; p < people.size(); p++) {
                boolean missed = (d + p * 3) % (4 + p) == 0;
                String blocker = p == 1 && d <= 3 ? "Waiting for the staging database credentials"
                        : p == 2 && d == 0 ? "Design review pending" : "none";
                fixture.day(standup, day, people.get(p), names.get(p), missed ? null
                        : List.of("Worked on the export fix", "Pairing on the sync bug", blocker));
            }
        }
        return standup;
    }

    /** Someone onboarding, started two weeks ago, and an announcement half acknowledged. */
    public void onboardingAndTraining(UserRef admin, String adminName, UserRef newHire, List<UserRef> team) {
        Instant now = clock.instant();
        clock.set(now.minus(Duration.ofDays(14)));
        onboarding.start(newHire, "Eve", "welcome", admin, ZoneId.of("UTC"));
        clock.set(now);
        var announcement = announcements.announce(new Invoker(admin, adminName, null, true, null),
                new AnnouncementDraft("New bug triage process", "Every bug gets an owner within a day.", null,
                        team, Duration.ofDays(2)));
        announcements.acknowledge(team.get(0), announcement.getId());
    }
}
