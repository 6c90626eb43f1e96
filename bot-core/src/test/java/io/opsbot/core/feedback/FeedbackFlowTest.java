package io.opsbot.core.feedback;

import io.opsbot.core.conversation.ConversationEngine;
import io.opsbot.core.conversation.FormSubmission;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.SubmissionResult;
import io.opsbot.core.delivery.Delivery;
import io.opsbot.core.delivery.Outbox;
import io.opsbot.core.form.Form;
import io.opsbot.core.gateway.DeliveryException;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.message.Block;
import io.opsbot.core.settings.TenantSettingsService;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.testing.MessageLinks;
import io.opsbot.core.testing.CoreTest;
import io.opsbot.core.testing.DatabaseCommands;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.core.testing.RecordingChatGateway;
import io.opsbot.core.testing.Tenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Feedback through the engine, stored in MongoDB over TCP, posted through a recording gateway. */
@CoreTest
class FeedbackFlowTest {

    @Autowired
    ConversationEngine engine;
    @Autowired
    FeedbackRepository repository;
    @Autowired
    FeedbackService feedback;
    @Autowired
    FeedbackTriage triage;
    @Autowired
    Outbox outbox;
    @Autowired
    TenantSettingsService settings;
    @Autowired
    MutableClock clock;
    @Autowired
    DatabaseCommands commands;
    @Autowired
    @Qualifier("slackGateway")
    RecordingChatGateway slack;

    private TenantRef tenant;
    private Invoker pm;

    @BeforeEach
    void setUp() {
        tenant = Tenants.slack();
        pm = Tenants.inChannel(tenant, "U100", "Pat PM", "C-TRIAGE");
        slack.clear();
    }

    private void triageHere() {
        Response reply = engine.onCommand(pm, "/feedback", "triage here");
        assertThat(text(reply)).contains("new feedback will be posted here");
        slack.clear();
    }

    @Test
    void quickCaptureIsNumberedPerTenantStoredAndPostedToTriage() {
        triageHere();
        Invoker reporter = Tenants.inChannel(tenant, "U200", "Rae", "C-SALES");

        Response first = engine.onCommand(reporter, "/feedback", "bug: Export times out #reporting !high");
        Response second = engine.onCommand(reporter, "/feedback", "Love the new dashboard");

        assertThat(text(first)).contains("Saved as FB-1").contains("Bug, #reporting, impact 4/5");
        assertThat(text(second)).contains("Saved as FB-2");
        FeedbackItem stored = repository.findByTenantAndNumber(tenant, 1).orElseThrow();
        assertThat(stored.getSummary()).isEqualTo("Export times out");
        assertThat(stored.getReporter().userId()).isEqualTo("U200");
        assertThat(stored.getSource()).isEqualTo(FeedbackSource.COMMAND);

        await().atMost(Duration.ofSeconds(5)).until(() -> slack.sent().size() == 2);
        assertThat(slack.sent()).allSatisfy(sent ->
                assertThat(sent.destination()).isEqualTo(new Destination.Channel(tenant, "C-TRIAGE")));
        assertThat(slack.sent().get(0).message().summary()).isIn("FB-1: Export times out",
                "FB-2: Love the new dashboard");
        // Each card links to its item's page of the dashboard (configured for core tests).
        assertThat(slack.sent()).extracting(sent -> MessageLinks.of(sent.message())).containsExactlyInAnyOrder(
                List.of("📊 Open in dashboard → " + CoreTest.DASHBOARD + "/feedback/FB-1"),
                List.of("📊 Open in dashboard → " + CoreTest.DASHBOARD + "/feedback/FB-2"));
        await().until(() -> triageState(1) == Delivery.State.SENT);

        TenantRef other = Tenants.slack();
        Response elsewhere = engine.onCommand(Tenants.inChannel(other, "U200", "Rae", "C1"), "/feedback", "Hi");
        assertThat(text(elsewhere)).contains("Saved as FB-1");
    }

    @Test
    void aFailedTriagePostLosesNothingAndIsRetriedWithBackoff() {
        triageHere();
        slack.failNext(new DeliveryException(DeliveryException.Reason.TRANSIENT, "HTTP 503"));

        engine.onCommand(pm, "/feedback", "Filters ignore accents");

        FeedbackItem item = repository.findByTenantAndNumber(tenant, 1).orElseThrow();
        Delivery waiting = await().until(() -> triage.delivery(item).orElseThrow(),
                found -> found.getAttempts() == 1 && found.getLeaseUntil() == null);
        assertThat(waiting.getState()).isEqualTo(Delivery.State.PENDING);
        assertThat(waiting.getLastError()).isEqualTo("HTTP 503");
        assertThat(slack.sent()).isEmpty();

        outbox.retryDue();
        assertThat(slack.sent()).as("not due before the backoff").isEmpty();

        clock.advance(Duration.ofSeconds(30));
        outbox.retryDue();
        assertThat(slack.sent()).hasSize(1);
        assertThat(triageState(1)).isEqualTo(Delivery.State.SENT);

        clock.advance(Duration.ofHours(1));
        outbox.retryDue();
        assertThat(slack.sent()).as("posted exactly once").hasSize(1);
    }

    @Test
    void aRejectedPostIsNotRetried() {
        triageHere();
        slack.failNext(new DeliveryException(DeliveryException.Reason.REJECTED, "channel_not_found"));

        engine.onCommand(pm, "/feedback", "Typo on pricing page");

        await().until(() -> triageState(1) == Delivery.State.FAILED);
        clock.advance(Duration.ofHours(2));
        outbox.retryDue();
        assertThat(slack.sent()).isEmpty();
    }

    @Test
    void withoutATriageChannelItemsWaitAndArePostedOnceOneIsSet() {
        Response reply = engine.onCommand(pm, "/feedback", "Calendar sync drops events");
        assertThat(text(reply)).contains("Saved as FB-1").contains("No triage channel is set yet");
        assertThat(repository.findByTenantAndNumber(tenant, 1).orElseThrow().isAwaitingTriageChannel()).isTrue();

        engine.onCommand(pm, "/feedback", "triage here");

        await().until(() -> slack.sent().stream().anyMatch(s -> s.message().summary().startsWith("FB-1:")));
    }

    @Test
    void formSubmissionValidatesThenCaptures() {
        Response opened = engine.onCommand(pm, "/feedback", "");
        Form form = ((Response.ShowForm) opened).form();
        assertThat(form.inputs()).extracting("id")
                .containsExactly("summary", "details", "type", "area", "customer", "impact", "link");

        SubmissionResult bad = engine.onSubmit(new FormSubmission(pm, form.formId(),
                Map.of("summary", " ", "impact", "7", "area", "nowhere"), form.state()));
        assertThat(bad).isInstanceOf(SubmissionResult.Rejected.class);
        assertThat(((SubmissionResult.Rejected) bad).errors()).containsOnlyKeys("summary", "impact", "area");

        SubmissionResult badLink = engine.onSubmit(new FormSubmission(pm, form.formId(),
                Map.of("summary", "Needs SSO", "link", "javascript:alert(1)"), form.state()));
        assertThat(((SubmissionResult.Rejected) badLink).errors()).containsKey("link");
        assertThat(repository.countByTenant(tenant)).isZero();

        SubmissionResult ok = engine.onSubmit(new FormSubmission(pm, form.formId(), Map.of("summary", "Needs SSO",
                "details", "Okta, for 400 seats", "type", "FEATURE_REQUEST", "area", "integrations",
                "customer", "Acme", "impact", "5", "link", "https://crm.example.com/acme"), form.state()));

        assertThat(ok).isInstanceOf(SubmissionResult.Accepted.class);
        FeedbackItem item = repository.findByTenantAndNumber(tenant, 1).orElseThrow();
        assertThat(item.getType()).isEqualTo(FeedbackType.FEATURE_REQUEST);
        assertThat(item.getCustomer()).isEqualTo("Acme");
        assertThat(item.getImpact()).isEqualTo(5);
        assertThat(item.getSource()).isEqualTo(FeedbackSource.FORM);
    }

    @Test
    void statusChangesAreRecordedAndTheReporterIsTold() {
        triageHere();
        Invoker reporter = Tenants.inChannel(tenant, "U300", "Sam Support", "C-SUP");
        engine.onCommand(reporter, "/feedback", "Bulk edit for tags");
        FeedbackItem item = repository.findByTenantAndNumber(tenant, 1).orElseThrow();

        Response clicked = engine.onAction(new io.opsbot.core.conversation.ActionRequest(pm,
                FeedbackCards.STATUS_ACTION, item.getId() + ":PLANNED", null));

        assertThat(clicked).isInstanceOf(Response.UpdateMessage.class);
        assertThat(((Response.UpdateMessage) clicked).message().blocks().get(0))
                .isEqualTo(new Block.Header("🗓️ FB-1 · Feedback"));
        FeedbackItem planned = repository.findById(item.getId()).orElseThrow();
        assertThat(planned.getStatus()).isEqualTo(FeedbackStatus.PLANNED);
        assertThat(planned.getHistory()).singleElement().satisfies(change -> {
            assertThat(change.from()).isEqualTo(FeedbackStatus.NEW);
            assertThat(change.by().userId()).isEqualTo("U100");
        });
        await().until(() -> slack.sent().stream().anyMatch(s -> s.destination()
                .equals(new Destination.Direct(reporter.user()))));
        assertThat(slack.sent().stream().filter(s -> s.destination() instanceof Destination.Direct)
                .findFirst().orElseThrow().message().summary()).contains("FB-1").contains("Planned");
    }

    @Test
    void statusByTextInAnotherTenantFindsNothing() {
        engine.onCommand(pm, "/feedback", "Something");
        Invoker stranger = Tenants.inChannel(Tenants.slack(), "U100", "Eve", "C1");

        Response reply = engine.onCommand(stranger, "/feedback", "status FB-1 shipped");

        assertThat(text(reply)).contains("There is no FB-1 here");
        assertThat(repository.findByTenantAndNumber(tenant, 1).orElseThrow().getStatus())
                .isEqualTo(FeedbackStatus.NEW);
    }

    @Test
    void aStatusChangeByIdFromAnotherTenantIsRefusedAsIfTheItemWereGone() {
        engine.onCommand(pm, "/feedback", "Something");
        FeedbackItem item = repository.findByTenantAndNumber(tenant, 1).orElseThrow();
        Invoker stranger = Tenants.inChannel(Tenants.slack(), "U100", "Eve", "C1");

        assertThatThrownBy(() -> feedback.changeStatus(stranger, item.getId(), FeedbackStatus.SHIPPED, null, true))
                .isInstanceOf(io.opsbot.core.conversation.UserError.class)
                .hasMessage("That feedback item no longer exists.");
        assertThat(repository.findById(item.getId()).orElseThrow().getStatus()).isEqualTo(FeedbackStatus.NEW);
    }

    @Test
    void aTypedStatusMayBeWordsOrDashedAndATypoIsTheUsageNotAnItem() {
        engine.onCommand(pm, "/feedback", "Something");

        // The item is read once, by its number, and updated only if its status is still the one read.
        List<String> sent = commands.during(() -> assertThat(text(engine.onCommand(pm, "/feedback",
                "status FB-1 under review"))).contains("FB-1 is now Under review."));
        assertThat(sent).filteredOn(command -> command.endsWith(" feedback"))
                .containsExactly("find feedback", "findAndModify feedback");
        assertThat(text(engine.onCommand(pm, "/feedback", "status fb-1 PLANNED"))).contains("FB-1 is now Planned.");
        assertThat(text(engine.onCommand(pm, "/feedback", "status FB-1 soon"))).contains("“soon” is not one of")
                .contains("Usage:");
        assertThat(repository.countByTenant(tenant)).isEqualTo(1);
    }

    @Test
    void listShowsMineAndTheTenants() {
        Invoker other = Tenants.inChannel(tenant, "U999", "Kim", "C1");
        engine.onCommand(pm, "/feedback", "Mine one");
        engine.onCommand(other, "/feedback", "Theirs one");

        String list = text(engine.onCommand(pm, "/feedback", "list"));

        assertThat(list).contains("Yours").contains("FB-1 Mine one");
        assertThat(list.substring(list.indexOf("Everyone's here"))).contains("FB-2 Theirs one").contains("FB-1");
        assertThat(list.substring(0, list.indexOf("Everyone's here"))).doesNotContain("Theirs one");
    }

    @Test
    void onlyAdminsChangeAreasOnceThereIsAnAdmin() {
        engine.onCommand(pm, "/feedback", "areas add sync");
        Invoker other = Tenants.inChannel(tenant, "U999", "Kim", "C1");

        String refused = text(engine.onCommand(other, "/feedback", "areas add hacks"));

        assertThat(refused).contains("Only an admin");
        assertThat(settings.feedbackAreas(tenant)).contains("sync").doesNotContain("hacks");
        assertThat(text(engine.onCommand(other, "/feedback", "Slow sync #sync"))).contains("Saved as FB-1");
    }

    private Delivery.State triageState(long number) {
        FeedbackItem item = repository.findByTenantAndNumber(tenant, number).orElseThrow();
        return triage.delivery(item).map(Delivery::getState).orElse(null);
    }

    static String text(Response response) {
        assertThat(response).isInstanceOf(Response.Reply.class);
        return ((Response.Reply) response).message().blocks().stream()
                .map(b -> b instanceof Block.Section s ? s.text().plainText() : b.toString())
                .reduce("", (a, b) -> a + "\n" + b);
    }
}
