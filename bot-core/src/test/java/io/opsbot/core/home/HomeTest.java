package io.opsbot.core.home;

import io.opsbot.core.conversation.ActionRequest;
import io.opsbot.core.conversation.ConversationEngine;
import io.opsbot.core.conversation.FormSubmission;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.SubmissionResult;
import io.opsbot.core.form.Form;
import io.opsbot.core.form.Input;
import io.opsbot.core.message.Block;
import io.opsbot.core.message.Button;
import io.opsbot.core.message.Message;
import io.opsbot.core.okr.OkrActions;
import io.opsbot.core.onboarding.OnboardingActions;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.schedule.NudgeScheduler;
import io.opsbot.core.standup.StandupActions;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.core.testing.MessageLinks;
import io.opsbot.core.testing.CoreTest;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.core.testing.Tenants;
import io.opsbot.core.training.TrainingActions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person's home gathers what each ritual is waiting for, with the ritual's own buttons, and drops what is done;
 * set up through the commands and forms people use.
 */
@CoreTest
class HomeTest {

    /** Wednesday 25 November 2026, 10:00 in Berlin. */
    static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");

    @Autowired
    ConversationEngine engine;
    @Autowired
    HomeService homes;
    @Autowired
    ProfileService profiles;
    @Autowired
    MutableClock clock;
    @Autowired
    NudgeScheduler nudges;

    private TenantRef tenant;
    private Invoker admin;
    private Invoker pia;

    private java.util.Set<String> pendingBefore;

    @BeforeEach
    void setUp() {
        pendingBefore = nudges.pending().stream().map(n -> n.kind() + " " + n.subject())
                .collect(java.util.stream.Collectors.toSet());
        clock.set(NOW);
        tenant = Tenants.teams();
        admin = Tenants.inChannel(tenant, "aad-admin", "Ada Admin", "19:general");
        pia = Tenants.direct(tenant, "aad-pia", "Pia");
        profiles.seen(pia);
        profiles.setZone(pia.user(), "Europe/Berlin");
    }

    /** Every nudge this test's rituals scheduled (standup days, check-ins, steps, reminders) must not fire later. */
    @AfterEach
    void cancelNudges() {
        nudges.pending().stream().filter(n -> !pendingBefore.contains(n.kind() + " " + n.subject()))
                .forEach(n -> nudges.cancel(n.kind(), n.subject()));
    }

    private Home home() {
        return homes.of(pia.user(), null);
    }

    private static Form form(Response response) {
        assertThat(response).isInstanceOf(Response.ShowForm.class);
        return ((Response.ShowForm) response).form();
    }

    /** Submits a form with its initial values, a plausible answer for each empty required input, and the values. */
    private void submit(Invoker who, Form form, Map<String, String> values) {
        Map<String, String> all = new HashMap<>();
        for (Input input : form.inputs()) {
            if (input.initial() != null && !input.initial().isBlank()) {
                all.put(input.id(), input.initial());
            } else if (!input.required()) {
                continue;
            } else if (input instanceof Input.Number) {
                all.put(input.id(), "4");
            } else if (input instanceof Input.Select select && !select.choices().isEmpty()) {
                all.put(input.id(), select.choices().get(0).value());
            } else if (input instanceof Input.Text) {
                all.put(input.id(), "Working on the export");
            }
        }
        all.putAll(values);
        SubmissionResult result = engine.onSubmit(new FormSubmission(who, form.formId(), all, form.state()));
        assertThat(result).as(result.toString()).isInstanceOf(SubmissionResult.Accepted.class);
    }

    private static List<Button> buttons(Message message) {
        return message.blocks().stream().filter(b -> b instanceof Block.Actions).map(b -> (Block.Actions) b)
                .flatMap(a -> a.buttons().stream()).toList();
    }

    private static Button button(Message message, String actionId) {
        return buttons(message).stream().filter(b -> b.actionId().equals(actionId)).findFirst().orElseThrow();
    }

    private Response click(Message home, String actionId) {
        Button button = button(home, actionId);
        return engine.onAction(new ActionRequest(pia, button.actionId(), button.value(), null));
    }

    private void setUpEveryRitual() {
        engine.onCommand(pia, "feedback", "Export times out for big reports");
        engine.onCommand(admin, "onboarding", "start <@aad-pia> welcome");
        submit(admin, form(engine.onCommand(admin, "training", "schedule")), Map.of("title", "New CRM walkthrough",
                "date", "2026-12-01", "time", "10:00", "zone", "America/New_York", "people", "aad-pia"));
        submit(admin, form(engine.onCommand(admin, "training", "announce")), Map.of("title", "New expense tool",
                "text", "From Monday, expenses go through Spendly.", "people", "aad-pia"));
        engine.onCommand(admin, "okr", "cycle 2026-Q4");
        Form objective = form(engine.onCommand(admin, "okr", "objective"));
        submit(admin, objective, Map.of("title", "Keep our customers", "owner", "aad-admin", "team", "Growth"));
        Form kr = form(engine.onCommand(admin, "okr", "kr O-1"));
        submit(admin, kr, Map.of("title", "Cut monthly churn", "owner", "aad-pia", "metric", "PERCENTAGE",
                "start", "5", "target", "3", "current", "5"));
        Form standup = form(engine.onCommand(admin, "standup", "new"));
        submit(admin, standup, Map.of("name", "Daily", "channel", "19:standup", "participants", "aad-pia",
                "zone", "Europe/Berlin"));
        engine.onCommand(admin, "standup", "run Daily");
        // "run" stores the run as a nudge due now; the poll carries it out.
        nudges.fireDue();
    }

    @Test
    void anEmptyHomeSaysSoAndOffersToShareFeedback() {
        Message card = HomeCards.card(home());

        assertThat(card.summary()).isEqualTo("Nothing is waiting for you");
        assertThat(card.blocks().toString()).contains("Nothing needs you right now")
                .contains("You have not shared feedback yet").contains("Europe/Berlin");
        assertThat(MessageLinks.of(card)).containsExactly("📊 Open in dashboard → " + CoreTest.DASHBOARD + "/");
        assertThat(buttons(card)).extracting(Button::actionId).containsExactly(HomeCards.NEW_FEEDBACK,
                HomeCards.REFRESH);
        assertThat(form(click(card, HomeCards.NEW_FEEDBACK)).formId()).isEqualTo("feedback.new");
    }

    @Test
    void everyRitualShowsWhatIsWaitingWithItsOwnButtons() {
        setUpEveryRitual();

        Home home = home();

        assertThat(home.in(HomeItem.Section.STANDUP)).singleElement().satisfies(i -> {
            assertThat(i.text().plainText()).contains("Daily").contains("answer by");
            assertThat(i.buttons()).extracting(Button::actionId).containsExactly(StandupActions.ANSWER);
        });
        assertThat(home.in(HomeItem.Section.CHECK_INS)).singleElement().satisfies(i -> {
            assertThat(i.text().plainText()).contains("KR-1 Cut monthly churn").contains("0%");
            assertThat(i.buttons()).extracting(Button::actionId).containsExactly(OkrActions.CHECK_IN);
        });
        assertThat(home.in(HomeItem.Section.ONBOARDING)).singleElement().satisfies(i -> {
            // Step 1 needs no confirmation; step 2 is the first one that waits for Pia.
            assertThat(i.text().plainText()).contains("Welcome to product · step 2 of 6: Meet your onboarding buddy");
            assertThat(i.buttons()).extracting(Button::actionId).containsExactly(OnboardingActions.SHOW_STEP);
        });
        assertThat(home.in(HomeItem.Section.TRAININGS)).singleElement().satisfies(i -> {
            assertThat(i.text().plainText()).contains("TR-1 New CRM walkthrough").contains("Tue 1 Dec, 16:00 "
                    + "Europe/Berlin");
            assertThat(i.buttons()).extracting(Button::actionId).containsExactly(TrainingActions.ATTEND,
                    TrainingActions.DECLINE);
        });
        assertThat(home.in(HomeItem.Section.ANNOUNCEMENTS)).singleElement().satisfies(i ->
                assertThat(i.text().plainText()).contains("AN-1 New expense tool"));
        assertThat(home.in(HomeItem.Section.FEEDBACK)).singleElement().satisfies(i ->
                assertThat(i.text().plainText()).contains("FB-1 Export times out for big reports").contains("New"));
        assertThat(home.waiting()).isEqualTo(5);
        assertThat(HomeCards.card(home).summary()).isEqualTo("5 things are waiting for you");

        assertThat(homes.of(new UserRef(Tenants.teams(), "aad-pia"), null).items())
                .as("the same id in another tenant is someone else").isEmpty();
    }

    @Test
    void whatIsDoneFromTheHomeLeavesIt() {
        setUpEveryRitual();
        Message card = HomeCards.card(home());

        click(card, TrainingActions.ATTEND);
        click(card, TrainingActions.ACKNOWLEDGE);
        assertThat(form(click(card, OkrActions.CHECK_IN)).formId()).startsWith("okr");
        engine.onCommand(pia, "okr", "checkin KR-1 4.5 on track");
        submit(pia, form(click(card, StandupActions.ANSWER)), Map.of("q0", "Finished the export fix"));
        assertThat(click(card, OnboardingActions.SHOW_STEP)).isInstanceOf(Response.UpdateMessage.class);
        engine.onCommand(admin, "feedback", "status FB-1 planned");

        Home after = home();
        assertThat(after.in(HomeItem.Section.TRAININGS)).isEmpty();
        assertThat(after.in(HomeItem.Section.ANNOUNCEMENTS)).isEmpty();
        assertThat(after.in(HomeItem.Section.CHECK_INS)).isEmpty();
        assertThat(after.in(HomeItem.Section.STANDUP)).singleElement().satisfies(i -> {
            assertThat(i.waiting()).isFalse();
            assertThat(i.text().plainText()).contains("answered");
            assertThat(i.buttons()).extracting(Button::label).containsExactly("Edit answers");
        });
        assertThat(after.in(HomeItem.Section.FEEDBACK).get(0).text().plainText()).contains("Planned");
        assertThat(after.waiting()).as("only the onboarding step is left").isEqualTo(1);

        Response refreshed = click(card, HomeCards.REFRESH);
        assertThat(((Response.UpdateMessage) refreshed).message().summary()).isEqualTo("1 thing is waiting for you");
        assertThat(after.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    }
}
