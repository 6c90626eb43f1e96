package io.opsbot.core.onboarding;

import io.opsbot.core.access.AccessPolicy;
import io.opsbot.core.access.Role;
import io.opsbot.core.conversation.ActionRequest;
import io.opsbot.core.conversation.ConversationEngine;
import io.opsbot.core.conversation.FormSubmission;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.SubmissionResult;
import io.opsbot.core.delivery.Delivery;
import io.opsbot.core.delivery.Outbox;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.message.Block;
import io.opsbot.core.message.Button;
import io.opsbot.core.message.Message;
import io.opsbot.core.people.DateRange;
import io.opsbot.core.people.MemberJoined;
import io.opsbot.core.people.MemberJoins;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.schedule.Nudge;
import io.opsbot.core.settings.TenantSettingsService;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.core.testing.CoreTest;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.core.testing.NudgeDriver;
import io.opsbot.core.testing.RecordingChatGateway;
import io.opsbot.core.testing.Tenants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Onboarding through the engine under a controlled clock: steps arrive on their days (moved past weekends, holidays and
 * time off), cards update in place, overdue steps are reminded once, finishing tells the buddy once.
 */
@CoreTest
class OnboardingFlowTest {

    /** A Wednesday. 09:00 in Berlin; steps arrive at 09:30 local = 08:30Z. */
    static final Instant WEDNESDAY = Instant.parse("2026-11-25T08:00:00Z");

    @Autowired
    ConversationEngine engine;
    @Autowired
    OnboardingService onboarding;
    @Autowired
    OnboardingNudges onboardingNudges;
    @Autowired
    MemberJoins memberJoins;
    @Autowired
    Outbox outbox;
    @Autowired
    ProfileService profiles;
    @Autowired
    TenantSettingsService settings;
    @Autowired
    AccessPolicy access;
    @Autowired
    MutableClock clock;
    @Autowired
    NudgeDriver driver;
    @Autowired
    @Qualifier("slackGateway")
    RecordingChatGateway slack;

    private TenantRef tenant;
    private Invoker admin;
    private Invoker ana;

    @BeforeEach
    void setUp() {
        clock.set(WEDNESDAY);
        slack.clear();
        tenant = Tenants.slack();
        admin = Tenants.inChannel(tenant, "U0ADMIN", "Alex Admin", "C-GENERAL");
        ana = Tenants.direct(tenant, "U0ANA", "Ana");
        profiles.setZone(ana.user(), "Europe/Berlin");
        profiles.seen(ana);
        access.allows(admin.user(), Role.ADMIN);
    }

    @AfterEach
    void stopRuns() {
        onboarding.active(tenant).forEach(run -> onboarding.stop(run.getId()));
    }

    private String runId(UserRef user, String track) {
        return OnboardingRun.id(user, track);
    }

    private Delivery delivery(String key) {
        return outbox.find(key).orElse(null);
    }

    private static String text(Response response) {
        Message message = response instanceof Response.Reply reply ? reply.message()
                : ((Response.UpdateMessage) response).message();
        return message.summary() + "\n" + message.blocks().toString();
    }

    private Response click(Invoker who, String actionId, String value) {
        return engine.onAction(new ActionRequest(who, actionId, value, null));
    }

    private static List<Button> buttons(Message message) {
        return message.blocks().stream().filter(b -> b instanceof Block.Actions).map(b -> (Block.Actions) b)
                .flatMap(a -> a.buttons().stream()).toList();
    }

    @Test
    void stepsArriveOnTheirDaysAtTheReleaseTimeSkippingTheWeekend() {
        Response started = engine.onCommand(admin, "onboarding", "start <@U0ANA|ana> welcome");
        assertThat(text(started)).contains("Started").contains("Welcome to product").contains("6 steps");
        String run = runId(ana.user(), "welcome");

        Delivery first = delivery(OnboardingService.cardKey(run, 0));
        assertThat(first.getDestination()).isEqualTo(new Destination.Direct(ana.user()));
        assertThat(first.getMessage().summary()).isEqualTo("Step 1 of 6: Welcome aboard");
        assertThat(first.getCreatedAt()).isEqualTo(WEDNESDAY);
        assertThat(delivery(OnboardingService.cardKey(run, 1))).as("day-1 steps share the first card").isNull();
        assertThat(buttons(first.getMessage())).extracting(Button::label).containsExactly("Done", "Next ▶");
        await().until(() -> slack.sent().stream().anyMatch(s -> s.message().summary().equals(
                "Step 1 of 6: Welcome aboard")));

        driver.runUntil(Instant.parse("2026-12-03T00:00:00Z"));

        assertThat(delivery(OnboardingService.cardKey(run, 2)).getCreatedAt())
                .as("day 2, Thursday 09:30 Berlin").isEqualTo(Instant.parse("2026-11-26T08:30:00Z"));
        assertThat(delivery(OnboardingService.cardKey(run, 3)).getCreatedAt())
                .as("day 3, Friday").isEqualTo(Instant.parse("2026-11-27T08:30:00Z"));
        assertThat(delivery(OnboardingService.cardKey(run, 4)).getCreatedAt())
                .as("day 5 is a Sunday: Monday").isEqualTo(Instant.parse("2026-11-30T08:30:00Z"));
        assertThat(delivery(OnboardingService.cardKey(run, 5)).getCreatedAt())
                .as("week 2, Wednesday").isEqualTo(Instant.parse("2026-12-02T08:30:00Z"));
        assertThat(delivery(OnboardingService.overdueKey(run, 1)).getCreatedAt())
                .as("buddy step overdue two days after it arrived").isEqualTo(Instant.parse("2026-11-27T08:30:00Z"));
        assertThat(delivery(OnboardingService.overdueKey(run, 3)).getCreatedAt())
                .as("Friday + 2 days is a Sunday: Monday").isEqualTo(Instant.parse("2026-11-30T08:30:00Z"));
        assertThat(delivery(OnboardingService.overdueKey(run, 1)).getMessage().summary())
                .isEqualTo("Reminder: Meet your onboarding buddy is still open");
        assertThat(onboarding.find(run).orElseThrow().getStatus()).isEqualTo(OnboardingRun.Status.ACTIVE);

        Response status = engine.onCommand(admin, "onboarding", "status");
        assertThat(text(status)).contains("Ana").contains("Welcome to product").contains("3/6 steps").contains("started Wed 25 Nov")
                .contains("on step 2 (Meet your onboarding buddy)").contains("overdue since Fri 27 Nov")
                .contains("overdue since Mon 30 Nov");
    }

    @Test
    void timeOffAndCompanyHolidaysMoveStepsAndRemindersToTheNextDayIn() {
        profiles.addOutOfOffice(ana.user(), new DateRange(LocalDate.parse("2026-11-26"), LocalDate.parse("2026-11-26")));
        settings.addHoliday(admin.actor(), LocalDate.parse("2026-11-27"));
        onboarding.start(ana.user(), "Ana", "welcome", admin.user(), null);
        String run = runId(ana.user(), "welcome");

        driver.runUntil(Instant.parse("2026-12-01T00:00:00Z"));

        assertThat(delivery(OnboardingService.cardKey(run, 2)).getCreatedAt())
                .as("Thursday off, Friday a holiday, then the weekend").isEqualTo(Instant.parse("2026-11-30T08:30:00Z"));
        assertThat(delivery(OnboardingService.cardKey(run, 3))).as("arrived with step 3, on one card").isNull();
        OnboardingRun now = onboarding.find(run).orElseThrow();
        assertThat(now.released(3)).isTrue();
        assertThat(now.released(4)).isTrue();
        assertThat(delivery(OnboardingService.overdueKey(run, 1)).getCreatedAt())
                .isEqualTo(Instant.parse("2026-11-30T08:30:00Z"));
    }

    @Test
    void aZoneSetDuringTheTrackMovesTheNextSteps() {
        UserRef lee = new UserRef(tenant, "U0LEE");
        onboarding.start(lee, "Lee", "welcome", null, null);
        String run = runId(lee, "welcome");
        assertThat(onboarding.find(run).orElseThrow().zone().getId()).as("no zone known").isEqualTo("UTC");

        assertThat(text(engine.onCommand(Tenants.direct(tenant, "U0LEE", "Lee"), "timezone", "America/New_York")))
                .contains("America/New_York");
        driver.runUntil(Instant.parse("2026-11-27T00:00:00Z"));

        assertThat(delivery(OnboardingService.cardKey(run, 2)).getCreatedAt())
                .as("09:30 in New York").isEqualTo(Instant.parse("2026-11-26T14:30:00Z"));
    }

    @Test
    void doneTicksTheStepAndBackAndNextMoveBetweenArrivedSteps() {
        onboarding.start(ana.user(), "Ana", "welcome", null, null);
        String run = runId(ana.user(), "welcome");

        Response next = click(ana, OnboardingCards.SHOW, run + "#1");
        Message buddy = ((Response.UpdateMessage) next).message();
        assertThat(buddy.summary()).isEqualTo("Step 2 of 6: Meet your onboarding buddy");
        assertThat(buttons(buddy)).extracting(Button::label).containsExactly("◀ Back", "Done");
        assertThat(text(next)).contains("Your next step arrives on Thu 26 Nov");

        Response done = click(ana, OnboardingCards.DONE, run + "#1");
        Message ticked = ((Response.UpdateMessage) done).message();
        assertThat(ticked.blocks().get(0)).isEqualTo(new Block.Header("✅ Meet your onboarding buddy"));
        assertThat(buttons(ticked)).extracting(Button::label).containsExactly("◀ Back");
        assertThat(onboarding.find(run).orElseThrow().done(1)).isTrue();
        assertThat(text(done)).contains("●●○○○○  2 of 6 done");

        Response back = click(ana, OnboardingCards.SHOW, run + "#0");
        assertThat(((Response.UpdateMessage) back).message().summary()).isEqualTo("Step 1 of 6: Welcome aboard");

        assertThat(text(click(ana, OnboardingCards.SHOW, run + "#2"))).contains("hasn't arrived yet");
        Invoker bob = Tenants.direct(tenant, "U0BOB", "Bob");
        assertThat(text(click(bob, OnboardingCards.DONE, run + "#0"))).contains("belongs to Ana");
        assertThat(text(engine.onCommand(ana, "onboarding", ""))).contains("Welcome to product")
                .contains("✅ 2. Meet your onboarding buddy").contains("🔒 3. Take the product tour");
    }

    @Test
    void anAdminWritesATrackAndFinishingItTellsTheBuddyAndTheStarterOnce() {
        Invoker buddy = Tenants.direct(tenant, "U0BUDDY", "Bea Buddy");
        Response opened = engine.onCommand(admin, "onboarding", "track new");
        var form = ((Response.ShowForm) opened).form();
        SubmissionResult rejected = engine.onSubmit(new FormSubmission(admin, form.formId(), Map.of("key", "quick",
                "title", "Quick start", "steps", "day 1 | Read the handbook\nsoon | Meet the team"), form.state()));
        assertThat(((SubmissionResult.Rejected) rejected).errors()).containsOnlyKeys("steps");
        Invoker notAdmin = Tenants.direct(tenant, "U0NOBODY", "Nobody");
        SubmissionResult refused = engine.onSubmit(new FormSubmission(notAdmin, form.formId(), Map.of("key",
                "quick", "title", "Quick start", "steps", "day 1 | Read"), form.state()));
        assertThat(((SubmissionResult.Refused) refused).reason().summary()).contains("Only an admin");

        SubmissionResult saved = engine.onSubmit(new FormSubmission(admin, form.formId(), Map.of("key", "quick",
                "title", "Quick start", "notify", "U0BUDDY", "steps",
                "day 1 | Read the handbook | All of it | https://handbook.example.com | ack\nday 2 | Meet the team"),
                form.state()));
        assertThat(((SubmissionResult.Accepted) saved).confirmation().summary()).contains("Quick start")
                .contains("2 steps, 1 to acknowledge");
        assertThat(text(engine.onCommand(admin, "onboarding", "tracks"))).contains("quick").contains("written here")
                .contains("welcome").contains("from configuration");

        engine.onCommand(admin, "onboarding", "start <@U0ANA> quick");
        String run = runId(ana.user(), "quick");
        assertThat(text(engine.onCommand(admin, "onboarding", "start <@U0ANA> quick"))).contains("already on");
        click(ana, OnboardingCards.DONE, run + "#0");
        assertThat(onboarding.find(run).orElseThrow().getStatus()).isEqualTo(OnboardingRun.Status.ACTIVE);

        driver.runUntil(Instant.parse("2026-11-27T00:00:00Z"));

        OnboardingRun finished = onboarding.find(run).orElseThrow();
        assertThat(finished.getStatus()).isEqualTo(OnboardingRun.Status.FINISHED);
        Delivery toBuddy = delivery(OnboardingService.finishedKey(run, buddy.user()));
        assertThat(toBuddy.getMessage().summary()).isEqualTo("🎉 @Ana finished onboarding track Quick start "
                + "(2 steps, in 2 days).");
        assertThat(delivery(OnboardingService.finishedKey(run, admin.user()))).isNotNull();
        assertThat(delivery(OnboardingService.cardKey(run, 1)).getMessage().blocks().toString())
                .contains("You've finished Quick start");

        onboarding.advance(run);
        onboardingNudges.rebuild();
        await().until(() -> slack.sent().stream().filter(s -> s.destination()
                .equals(new Destination.Direct(buddy.user()))).count() == 1);
        assertThat(driver.pending()).noneMatch(n -> n.subject().equals(run));
    }

    @Test
    void anOverdueReminderIsSentOnceHoweverOftenTheRunIsWokenUp() {
        onboarding.start(ana.user(), "Ana", "welcome", null, null);
        String run = runId(ana.user(), "welcome");
        clock.set(Instant.parse("2026-11-27T09:00:00Z"));

        onboardingNudges.fire(new Nudge(OnboardingService.NUDGE, run, "", clock.instant()));
        onboardingNudges.fire(new Nudge(OnboardingService.NUDGE, run, "", clock.instant()));
        onboardingNudges.rebuild();
        driver.fireDue();

        await().until(() -> slack.sent().stream().anyMatch(s -> s.message().summary().startsWith("Reminder:")));
        await().during(java.time.Duration.ofMillis(300)).until(() -> slack.sent().stream()
                .filter(s -> s.message().summary().equals("Reminder: Meet your onboarding buddy is still open"))
                .count() == 1);
        assertThat(slack.sent().stream().filter(s -> Objects.equals(s.message().summary(),
                "Step 3 of 6: Take the product tour")).count()).isEqualTo(1);
    }

    @Test
    void joiningStartsTheAutomaticTrackOnceAndChannelJoinsOnlyInTheOnboardingChannel() {
        UserRef newcomer = new UserRef(tenant, "U0NEW");
        MemberJoins joins = memberJoins;

        joins.memberJoined(new MemberJoined(newcomer, "Nia", MemberJoined.Scope.WORKSPACE, null,
                java.time.ZoneId.of("America/New_York")));
        joins.memberJoined(new MemberJoined(newcomer, "Nia", MemberJoined.Scope.WORKSPACE, null, null));

        OnboardingRun run = onboarding.find(runId(newcomer, "welcome")).orElseThrow();
        assertThat(run.getUserName()).isEqualTo("Nia");
        assertThat(run.zone().getId()).isEqualTo("America/New_York");
        assertThat(onboarding.runsOf(newcomer)).hasSize(1);

        UserRef channelJoiner = new UserRef(tenant, "U0CHAN");
        Destination.Channel random = new Destination.Channel(tenant, "C-RANDOM");
        joins.memberJoined(new MemberJoined(channelJoiner, "Cy", MemberJoined.Scope.CHANNEL, random, null));
        assertThat(onboarding.runsOf(channelJoiner)).isEmpty();
        assertThat(joins.watches(random)).isFalse();

        Invoker inNewHires = Tenants.inChannel(tenant, "U0ADMIN", "Alex Admin", "C-NEWHIRES");
        assertThat(text(engine.onCommand(inNewHires, "onboarding", "channel here"))).contains("starts welcome");
        Destination.Channel newHires = new Destination.Channel(tenant, "C-NEWHIRES");
        assertThat(joins.watches(newHires)).isTrue();
        joins.memberJoined(new MemberJoined(channelJoiner, "Cy", MemberJoined.Scope.CHANNEL, newHires, null));
        assertThat(onboarding.runsOf(channelJoiner)).hasSize(1);

        engine.onCommand(admin, "onboarding", "auto off");
        UserRef late = new UserRef(tenant, "U0LATE");
        joins.memberJoined(new MemberJoined(late, "Lee", MemberJoined.Scope.WORKSPACE, null, null));
        assertThat(onboarding.runsOf(late)).isEmpty();
        assertThat(text(engine.onCommand(Tenants.direct(tenant, "U0LATE", "Lee"), "onboarding", "auto on")))
                .contains("Only an admin");
    }
}
