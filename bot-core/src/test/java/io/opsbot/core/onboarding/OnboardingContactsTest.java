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
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.schedule.Nudge;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.core.testing.CoreTest;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.core.testing.NudgeDriver;
import io.opsbot.core.testing.Tenants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A hire's buddy and manager (set on start, in the form, changed later) are told of overdue steps and of the finish
 * once each; {@code onboarding status} shows a manager their hires; step quizzes are answered once and shown.
 */
@CoreTest
class OnboardingContactsTest {

    @Autowired
    ConversationEngine engine;
    @Autowired
    OnboardingService onboarding;
    @Autowired
    OnboardingNudges onboardingNudges;
    @Autowired
    Outbox outbox;
    @Autowired
    ProfileService profiles;
    @Autowired
    AccessPolicy access;
    @Autowired
    MutableClock clock;
    @Autowired
    NudgeDriver driver;
    @Autowired
    MongoTemplate mongo;

    private TenantRef tenant;
    private Invoker admin;
    private Invoker ana;
    private Invoker bea;
    private Invoker max;

    @BeforeEach
    void setUp() {
        clock.set(OnboardingFlowTest.WEDNESDAY);
        tenant = Tenants.slack();
        admin = Tenants.inChannel(tenant, "U0ADMIN", "Alex Admin", "C-GENERAL");
        ana = Tenants.direct(tenant, "U0ANA", "Ana");
        bea = Tenants.direct(tenant, "U0BEA", "Bea");
        max = Tenants.direct(tenant, "U0MAX", "Max");
        profiles.setZone(ana.user(), "Europe/Berlin");
        profiles.seen(ana);
        access.allows(admin.user(), Role.ADMIN);
    }

    @AfterEach
    void stopRuns() {
        onboarding.active(tenant).forEach(run -> onboarding.stop(run.getId()));
    }

    private static String text(Response response) {
        Message message = response instanceof Response.Reply reply ? reply.message()
                : ((Response.UpdateMessage) response).message();
        return message.summary() + "\n" + message.blocks().toString();
    }

    private Delivery delivery(String key) {
        return outbox.find(key).orElse(null);
    }

    /** Deliveries whose key starts so: every outbound message is claimed once under its key. */
    private long deliveriesStartingWith(String prefix) {
        return mongo.count(Query.query(Criteria.where("_id").regex("^" + Pattern.quote(prefix))), Delivery.class);
    }

    private static List<Button> buttons(Message message) {
        return message.blocks().stream().filter(b -> b instanceof Block.Actions).map(b -> (Block.Actions) b)
                .flatMap(a -> a.buttons().stream()).toList();
    }

    @Test
    void theBuddyAndManagerNamedOnStartAreToldOfOverdueStepsAndTheFinishOnceEach() {
        Response started = engine.onCommand(admin, "onboarding", "start <@U0ANA|ana> welcome buddy <@U0BEA> "
                + "manager <@U0MAX|max>");
        assertThat(text(started)).contains("Started").contains("Buddy: ").contains("manager: ");
        String run = OnboardingRun.id(ana.user(), "welcome");
        OnboardingRun stored = onboarding.find(run).orElseThrow();
        assertThat(stored.getBuddy()).isEqualTo(bea.user());
        assertThat(stored.getManager()).isEqualTo(max.user());

        clock.set(Instant.parse("2026-11-27T09:00:00Z"));
        onboardingNudges.fire(new Nudge(OnboardingService.NUDGE, run, "", clock.instant()));
        onboardingNudges.fire(new Nudge(OnboardingService.NUDGE, run, "", clock.instant()));

        String overdue = OnboardingService.overdueKey(run, 1);
        assertThat(delivery(overdue).getDestination()).isEqualTo(new Destination.Direct(ana.user()));
        Delivery toBea = delivery(overdue + ":" + bea.user().key());
        Delivery toMax = delivery(overdue + ":" + max.user().key());
        assertThat(toBea.getDestination()).isEqualTo(new Destination.Direct(bea.user()));
        assertThat(toMax.getDestination()).isEqualTo(new Destination.Direct(max.user()));
        assertThat(toMax.getMessage().summary()).isEqualTo("⏰ @Ana's onboarding step Meet your onboarding buddy "
                + "(step 2 of 6, Welcome to product) is overdue. A quick check-in may help.");
        assertThat(deliveriesStartingWith(overdue + ":")).isEqualTo(2);

        Response status = engine.onCommand(max, "onboarding", "status");
        assertThat(text(status)).contains("Your hires").contains("Ana").contains("/6 steps")
                .contains("started Wed 25 Nov").contains("overdue since Fri 27 Nov");
        assertThat(text(engine.onCommand(bea, "onboarding", "status"))).contains("People you're a buddy to")
                .contains("Ana");
        assertThat(text(engine.onCommand(Tenants.direct(tenant, "U0NOBODY", "Nobody"), "onboarding", "status")))
                .contains("Nobody names you as their manager or buddy");

        OnboardingRun now = onboarding.find(run).orElseThrow();
        for (int i = 0; i < now.size(); i++) {
            if (now.released(i)) {
                onboarding.done(ana.user(), run, i);
            }
        }
        driver.runUntil(Instant.parse("2026-12-10T00:00:00Z"));
        for (int i = 0; i < now.size(); i++) {
            onboarding.done(ana.user(), run, i);
        }
        assertThat(onboarding.find(run).orElseThrow().getStatus()).isEqualTo(OnboardingRun.Status.FINISHED);
        assertThat(delivery(OnboardingService.finishedKey(run, bea.user()))).isNotNull();
        assertThat(delivery(OnboardingService.finishedKey(run, max.user()))).isNotNull();
        assertThat(delivery(OnboardingService.finishedKey(run, admin.user()))).as("the starter").isNotNull();
        onboarding.advance(run);
        assertThat(deliveriesStartingWith(run + ":finished:")).isEqualTo(3);
    }

    @Test
    void aManagerChangesTheBuddyLaterAndMembersMayNot() {
        engine.onCommand(admin, "onboarding", "start <@U0ANA> welcome manager <@U0MAX>");
        String run = OnboardingRun.id(ana.user(), "welcome");
        assertThat(onboarding.find(run).orElseThrow().getBuddy()).isNull();

        assertThat(text(engine.onCommand(bea, "onboarding", "buddy <@U0ANA> <@U0BEA>"))).contains("manager");
        assertThat(onboarding.find(run).orElseThrow().getBuddy()).isNull();

        assertThat(text(engine.onCommand(admin, "onboarding", "buddy <@U0ANA> <@U0BEA>")))
                .contains("buddy is now");
        OnboardingRun changed = onboarding.find(run).orElseThrow();
        assertThat(changed.getBuddy()).isEqualTo(bea.user());
        assertThat(changed.getManager()).as("unchanged").isEqualTo(max.user());
        assertThat(text(engine.onCommand(admin, "onboarding", "manager <@U0ANA> <@U0ANA>")))
                .contains("can't be their own");
    }

    @Test
    void theStartFormSetsTheBuddyAndManager() {
        Response opened = engine.onCommand(admin, "onboarding", "hire");
        var form = ((Response.ShowForm) opened).form();
        SubmissionResult refused = engine.onSubmit(new FormSubmission(bea, form.formId(), Map.of("hire", "U0ANA",
                "track", "welcome"), form.state()));
        assertThat(refused).isInstanceOf(SubmissionResult.Refused.class);

        SubmissionResult started = engine.onSubmit(new FormSubmission(admin, form.formId(), Map.of("hire", "U0ANA",
                "track", "welcome", "buddy", "U0BEA", "manager", "U0MAX"), form.state()));

        assertThat(((SubmissionResult.Accepted) started).confirmation().summary()).contains("Started");
        OnboardingRun run = onboarding.find(OnboardingRun.id(ana.user(), "welcome")).orElseThrow();
        assertThat(run.getBuddy()).isEqualTo(bea.user());
        assertThat(run.getManager()).isEqualTo(max.user());
    }

    @Test
    void aQuizOnAStepIsAnsweredOnceWithButtonsAndShownInStatus() {
        Response opened = engine.onCommand(admin, "onboarding", "track new");
        var form = ((Response.ShowForm) opened).form();
        SubmissionResult bad = engine.onSubmit(new FormSubmission(admin, form.formId(), Map.of("key", "quiz",
                "title", "Quiz track", "steps", "day 1 | Tools | quiz: Where do bugs go? = *Jira"), form.state()));
        assertThat(((SubmissionResult.Rejected) bad).errors().get("steps")).contains("2 to 5 choices");
        engine.onSubmit(new FormSubmission(admin, form.formId(), Map.of("key", "quiz", "title", "Quiz track",
                "steps", "day 1 | Tools | Read the guide | quiz: Where do bugs go? = Email / *Jira / Chat | ack"),
                form.state()));
        assertThat(((Response.ShowForm) engine.onCommand(admin, "onboarding", "track edit quiz")).form().toString())
                .contains("quiz: Where do bugs go? = Email / *Jira / Chat");

        engine.onCommand(admin, "onboarding", "start <@U0ANA> quiz manager <@U0MAX>");
        String run = OnboardingRun.id(ana.user(), "quiz");
        Message card = delivery(OnboardingService.cardKey(run, 0)).getMessage();
        assertThat(card.blocks().toString()).contains("Where do bugs go?");
        assertThat(buttons(card)).extracting(Button::label).contains("Email", "Jira", "Chat", "Done");

        assertThat(text(engine.onAction(new ActionRequest(bea, OnboardingCards.ANSWER, run + "#0:1", null))))
                .contains("belongs to Ana");
        Response answered = engine.onAction(new ActionRequest(ana, OnboardingCards.ANSWER, run + "#0:0", null));
        assertThat(text(answered)).contains("❌ Your answer: Email").contains("the right answer: Jira");
        assertThat(buttons(((Response.UpdateMessage) answered).message())).extracting(Button::label)
                .doesNotContain("Jira");
        engine.onAction(new ActionRequest(ana, OnboardingCards.ANSWER, run + "#0:1", null));
        assertThat(onboarding.find(run).orElseThrow().answer(0)).as("the first answer counts").contains(0);

        assertThat(text(engine.onCommand(max, "onboarding", "status"))).contains("❌ quiz, step 1: Email");
    }

    @Test
    void quizTextIsParsedAndWrittenBack() {
        List<OnboardingStep> steps = TrackText.parse("day 1 | Poll | quiz: Which team? = Red / Blue");
        assertThat(steps.get(0).quiz()).isEqualTo(new StepQuiz("Which team?", List.of("Red", "Blue"), -1));
        assertThat(TrackText.format(steps)).isEqualTo("day 1 | Poll |  | quiz: Which team? = Red / Blue");
        assertThat(TrackText.parse("day 2 | Tools | Read | quiz: Bugs go to? = *Jira / Email | ack").get(0))
                .satisfies(step -> {
                    assertThat(step.body()).isEqualTo("Read");
                    assertThat(step.requiresAck()).isTrue();
                    assertThat(step.quiz().correct()).isZero();
                });
        assertThatThrownBy(() -> TrackText.parse("day 1 | Tools | quiz: Bugs? = *Jira / *Email"))
                .hasMessageContaining("star only the one right answer");
        assertThatThrownBy(() -> TrackText.parse("day 1 | Tools | quiz: no equals sign"))
                .hasMessageContaining("quiz: Question? = *Right answer");
        assertThat(TrackText.parse(TrackText.format(steps))).isEqualTo(steps);
    }
}
