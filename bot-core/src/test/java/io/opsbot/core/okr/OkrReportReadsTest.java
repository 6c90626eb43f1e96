package io.opsbot.core.okr;

import io.opsbot.core.access.AccessPolicy;
import io.opsbot.core.access.Role;
import io.opsbot.core.audit.Actor;
import io.opsbot.core.blocker.Blocker;
import io.opsbot.core.blocker.Blockers;
import io.opsbot.core.people.DateRange;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.tenant.Platform;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.core.testing.CoreTest;
import io.opsbot.core.testing.DatabaseCommands;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.core.testing.Tenants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code /okr report} shows, and what it reads: one query per kind of data for all key results of the report
 * (check-ins, blockers, profiles...), so a report of many key results answers within Slack's three seconds.
 */
@CoreTest
class OkrReportReadsTest {

    /** A Monday of 2027-Q1; check-ins are asked on Fridays at 15:00 in each owner's zone. */
    static final Instant MONDAY = Instant.parse("2027-03-01T08:00:00Z");

    @Autowired
    ObjectiveService objectives;
    @Autowired
    KeyResultService keyResults;
    @Autowired
    CheckInService checkIns;
    @Autowired
    OkrReports reports;
    @Autowired
    ProfileService profiles;
    @Autowired
    AccessPolicy access;
    @Autowired
    Blockers blockers;
    @Autowired
    MutableClock clock;
    @Autowired
    DatabaseCommands commands;

    @Test
    void theReportShowsEachKeyResultsProgressTrendWeekBlockersAndOwner() {
        TenantRef tenant = Tenants.slack();
        Actor mia = manager(tenant);
        UserRef ana = person(tenant, "U-ANA", "Ana", "Europe/Berlin");
        UserRef bo = person(tenant, "U-BO", "Bo", "America/New_York");
        UserRef cy = person(tenant, "U-CY", "Cy", null);
        UserRef dee = person(tenant, "U-DEE", "Dee", "Asia/Tokyo");
        profiles.addOutOfOffice(dee, new DateRange(LocalDate.parse("2027-03-10"), LocalDate.parse("2027-03-20")));

        Objective grow = objectives.create(mia, new ObjectiveDraft(null, "Grow", ana, "growth", null));
        Objective child = objectives.create(mia, new ObjectiveDraft(null, "Activate", bo, "growth", grow.getId()));
        Objective sell = objectives.create(mia, new ObjectiveDraft(null, "Sell", cy, "sales", null));
        KeyResult signups = keyResult(mia, grow, "Signups", ana);
        KeyResult churn = keyResult(mia, grow, "Churn", bo);
        KeyResult activation = keyResult(mia, child, "Activation", cy);
        KeyResult deals = keyResult(mia, sell, "Deals", dee);

        checkIn(ana, signups, "2027-03-05T15:00:00Z", "10", Confidence.ON_TRACK);
        checkIn(ana, signups, "2027-03-08T09:00:00Z", "20", Confidence.ON_TRACK);
        checkIn(ana, signups, "2027-03-12T15:00:00Z", "35", Confidence.AT_RISK);
        checkIn(bo, churn, "2027-03-05T21:00:00Z", "40", Confidence.OFF_TRACK);
        checkIn(dee, deals, "2027-03-01T09:00:00Z", "5", Confidence.ON_TRACK);
        blockers.raise(new Blocker.Raised(tenant, "standup", "standup-1", "Daily", "standup-1:2027-03-15", bo, "Bo",
                LocalDate.parse("2027-03-15"), "KR-2 waits on legal"));
        clock.set(Instant.parse("2027-03-16T10:00:00Z"));
        keyResult(mia, sell, "Renewals", ana); // after this week's prompt: not due yet

        clock.set(Instant.parse("2027-03-17T12:00:00Z"));
        OkrReports.Report report = reports.report(tenant, null, clock.instant()).orElseThrow();
        String all = text(report);
        String growth = text(reports.report(tenant, "#Growth", clock.instant()).orElseThrow());

        String growthTeam = """
                O-1 Grow  ▓▓░░░░░░░░ 25%
                Owner Ana · team growth
                ↳ O-2 Activate  ░░░░░░░░░░ 0%
                🟡 KR-1 Signups  ▓▓▓░░░░░░░ 35% 35 → 100 · Ana
                🔴 KR-2 Churn  ▓▓▓▓░░░░░░ 40% 40 → 100 · Bo
                   🚧 BL-1 KR-2 waits on legal · Bo, since 2027-03-15
                ⏳ Not checked in this week: Bo (KR-2)
                O-2 Activate  ░░░░░░░░░░ 0%
                Owner Bo · team growth · aligned with O-1
                ⚪ KR-3 Activation  ░░░░░░░░░░ 0% 0 → 100 · Cy
                ⏳ Not checked in this week: Cy (KR-3)""";
        assertThat(all).isEqualTo("📊 OKR report · 2027-Q1\n" + growthTeam + "\n" + """
                O-3 Sell  ░░░░░░░░░░ 2%
                Owner Cy · team sales
                🟢 KR-4 Deals  ░░░░░░░░░░ 5% 5 → 100 · Dee
                ⚪ KR-5 Renewals  ░░░░░░░░░░ 0% 0 → 100 · Ana
                🌴 Away: Dee (out of office) (KR-4)""");
        assertThat(growth).isEqualTo("📊 OKR report · 2027-Q1 · growth\n" + growthTeam);
        // What the card leaves to the digest and the dashboard: trends and where each week started.
        assertThat(report.objectives().stream().flatMap(o -> o.keyResults().stream())
                .map(k -> k.keyResult().reference() + " " + k.trend() + " from " + k.progressAtWeekStart() + " "
                          + k.week() + (k.awayReason() == null ? "" : " (" + k.awayReason() + ")")).toList())
                .containsExactly("KR-1 [ON_TRACK, ON_TRACK, AT_RISK] from 0.2 CHECKED_IN",
                        "KR-2 [OFF_TRACK] from 0.4 MISSING",
                        "KR-3 [] from 0.0 MISSING",
                        "KR-4 [ON_TRACK] from 0.05 AWAY (out of office)",
                        "KR-5 [] from 0.0 NOT_DUE");
    }

    @Test
    void aReportReadsTheSameNumberOfTimesForFourKeyResultsAsForForty() {
        // Before: 47 commands for 4 key results, 407 for 40 (their check-ins, blockers, owner, cadence, availability).
        List<String> few = reportCommands(4);
        List<String> many = reportCommands(40);

        assertThat(many).as("commands of a report of 40 key results").hasSameSizeAs(few)
                .containsExactlyInAnyOrderElementsOf(few);
        for (String perKeyResultBefore : List.of("find okr_key_results", "find okr_check_ins", "find blockers",
                "find people", "find tenant_settings")) {
            assertThat(few).as("reads of one kind").containsOnlyOnce(perKeyResultBefore);
        }
    }

    /** The commands a report of {@code count} key results (four to an objective, each checked in once) sends. */
    private List<String> reportCommands(int count) {
        clock.set(MONDAY);
        TenantRef tenant = Tenants.slack();
        Actor mia = manager(tenant);
        Objective objective = null;
        for (int i = 0; i < count; i++) {
            UserRef owner = person(tenant, "U-" + i, "Person " + i, i % 2 == 0 ? "Europe/Berlin" : null);
            if (i % 4 == 0) {
                objective = objectives.create(mia, new ObjectiveDraft(null, "Objective " + i, owner, "team" + i % 3,
                        objective == null ? null : objective.getId()));
            }
            KeyResult kr = keyResult(mia, objective, "Key result " + i, owner);
            checkIn(owner, kr, "2027-03-0" + (2 + i % 5) + "T10:00:00Z", String.valueOf(i), Confidence.ON_TRACK);
        }
        clock.set(Instant.parse("2027-03-17T12:00:00Z"));
        List<String> sent = commands.during(() -> assertThat(reports.report(tenant, null, clock.instant())
                .orElseThrow().objectives()).hasSize((count + 3) / 4));
        assertThat(sent).isNotEmpty();
        return sent;
    }

    private Actor manager(TenantRef tenant) {
        clock.set(MONDAY);
        UserRef mia = new UserRef(tenant, "U-MIA");
        access.grant(mia, Role.MANAGER);
        return Actor.inChat(mia, "Mia");
    }

    private UserRef person(TenantRef tenant, String id, String name, String zone) {
        profiles.seen(Tenants.direct(tenant, id, name));
        UserRef user = new UserRef(tenant, id);
        if (zone != null) {
            profiles.setZone(user, zone);
        }
        return user;
    }

    private KeyResult keyResult(Actor by, Objective objective, String title, UserRef owner) {
        return keyResults.create(by, new KeyResultDraft(objective.getId(), title, owner, MetricType.NUMBER,
                BigDecimal.ZERO, BigDecimal.valueOf(100), null, null, null));
    }

    private void checkIn(UserRef owner, KeyResult kr, String at, String value, Confidence confidence) {
        clock.set(Instant.parse(at));
        checkIns.record(owner, null, kr.getId(), value, confidence, null, CheckIn.Source.COMMAND);
    }

    private static String text(OkrReports.Report report) {
        return OkrCards.report(Platform.SLACK, report).stream().map(OkrFlowTest::body)
                .collect(Collectors.joining("\n----\n"));
    }
}
