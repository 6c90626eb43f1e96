package io.opsbot.teams;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsbot.core.delivery.Outbox;
import io.opsbot.core.feedback.FeedbackItem;
import io.opsbot.core.feedback.FeedbackRepository;
import io.opsbot.core.feedback.FeedbackSource;
import io.opsbot.core.feedback.FeedbackStatus;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.teams.conversations.ConversationReferences;
import io.opsbot.teams.conversations.TeamsConversation;
import io.opsbot.teams.inbound.TeamsMessagesController;
import io.opsbot.teams.testing.FakeBotConnector.Recorded;
import io.opsbot.teams.testing.TeamsAdapterTest;
import io.opsbot.teams.testing.TeamsFixtures;
import io.opsbot.teams.testing.TeamsRequests;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.opsbot.teams.testing.AdaptiveCards.buttons;
import static io.opsbot.teams.testing.AdaptiveCards.card;
import static io.opsbot.teams.testing.AdaptiveCards.errorUnder;
import static io.opsbot.teams.testing.AdaptiveCards.input;
import static io.opsbot.teams.testing.AdaptiveCards.inputs;
import static io.opsbot.teams.testing.AdaptiveCards.submitData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Real Teams activities in, replies out at a fake Bot Connector, feedback in MongoDB. */
class TeamsConversationFlowTest extends TeamsAdapterTest {

    @Autowired
    FeedbackRepository feedback;
    @Autowired
    io.opsbot.core.feedback.FeedbackTriage feedbackTriage;
    @Autowired
    ConversationReferences references;
    @Autowired
    Outbox outbox;

    @Test
    void personalMessageCapturesFeedbackRepliesAndStoresTheConversation() {
        TeamsFixtures.Activity message = fixture("message.personal.json").text("feedback Export is slow #reporting");

        send(message);

        Recorded reply = single(sent());
        assertThat(reply.conversationId()).isEqualTo(message.conversationId());
        assertThat(reply.header("Authorization")).as("local mode sends no token").isNull();
        // The confirmation carries "Me too", so it is a card.
        assertThat(card(reply).toString()).contains("Saved as **FB-1**").contains("Export is slow")
                .contains("Me too");
        FeedbackItem item = feedback.findByTenantAndNumber(tenant, 1).orElseThrow();
        assertThat(item.getSummary()).isEqualTo("Export is slow");
        assertThat(item.getArea()).isEqualTo("reporting");
        // People are known by their Entra object id, the id card people pickers return too.
        assertThat(item.getReporter().userId()).isEqualTo("7faf8ab2-3d56-4244-b585-20c8a42ed2b8");
        assertThat(item.getReporterName()).isEqualTo("Megan Bowen");

        TeamsConversation stored = references.find(tenant, message.conversationId()).orElseThrow();
        assertThat(stored.getConversationType()).isEqualTo("personal");
        assertThat(stored.getServiceUrl()).isEqualTo(serviceUrl);
        assertThat(stored.getUserId()).isEqualTo(message.userId());
        assertThat(stored.getAadObjectId()).isEqualTo("7faf8ab2-3d56-4244-b585-20c8a42ed2b8");
        assertThat(stored.getBotId()).isEqualTo("28:c9e8c047-2a74-40a2-b28a-b162d5f5327c");
    }

    @Test
    void theCaptureIsAnsweredBeforeItsReplyIsPostedAndTheReplyIsKeptUntilThen() throws Exception {
        connector.holdPosts();
        TeamsFixtures.Activity message = fixture("message.personal.json").text("feedback Export is slow #reporting");

        // Answered while the connector still holds the reply: Teams' pace or a slow connector is not waited for.
        MvcResult answered = CompletableFuture.supplyAsync(() -> perform(message)).get(5, TimeUnit.SECONDS);

        assertThat(answered.getResponse().getStatus()).isEqualTo(200);
        assertThat(feedback.findByTenantAndNumber(tenant, 1)).isPresent();
        assertThat(outbox.find("teams-reply:" + tenant.key() + ":" + message.conversationId() + ":"
                + message.json().path("id").asText())).as("the reply, stored before the 200").isPresent();
        connector.releasePosts();
        Recorded reply = await().atMost(Duration.ofSeconds(10)).until(this::sent, posts -> posts.size() == 1).get(0);
        assertThat(reply.conversationId()).isEqualTo(message.conversationId());
        assertThat(card(reply).toString()).contains("Saved as **FB-1**");
    }

    private MvcResult perform(TeamsFixtures.Activity activity) {
        try {
            return mvc.perform(post(TeamsMessagesController.PATH).contentType(MediaType.APPLICATION_JSON)
                    .content(activity.toString())).andReturn();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void feedbackListShowsWhatWasCaptured() {
        send(fixture("message.personal.json").text("feedback First thing"));
        send(fixture("message.personal.json").text("feedback Second thing"));
        connector.clear();

        send(fixture("message.personal.json").text("feedback list"));

        String list = card(single(sent())).toString();
        assertThat(list).contains("Recent feedback").contains("FB-1").contains("First thing").contains("Second thing");
    }

    @Test
    void theServiceUrlIsRefreshedFromEveryActivity() {
        send(fixture("message.personal.json").text("help"));
        String moved = serviceUrl + "emea/";

        send(fixture("message.personal.json").serviceUrl(moved).text("help"));

        String conversation = fixture("message.personal.json").conversationId();
        assertThat(references.find(tenant, conversation).orElseThrow().getServiceUrl()).isEqualTo(moved);
        assertThat(sent()).extracting(Recorded::path).anyMatch(path -> path.startsWith("/" + tenantId
                + "/emea/v3/conversations/"));
    }

    @Test
    void bareFeedbackOpensTheFormAsAnAdaptiveCard() {
        send(fixture("message.personal.json").text("feedback"));

        JsonNode card = card(single(sent()));
        assertThat(card.path("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(card.path("version").asText()).isEqualTo("1.5");
        assertThat(inputs(card)).extracting(i -> i.path("id").asText())
                .containsExactly("summary", "details", "type", "area", "customer", "impact", "link");
        JsonNode summary = inputs(card).get(0);
        assertThat(summary.path("type").asText()).isEqualTo("Input.Text");
        assertThat(summary.path("isRequired").asBoolean()).isTrue();
        assertThat(summary.path("maxLength").asInt()).isEqualTo(150);
        assertThat(inputs(card).get(1).path("isMultiline").asBoolean()).isTrue();
        assertThat(inputs(card).get(3).path("style").asText()).isEqualTo("compact");
        assertThat(inputs(card).get(5).path("type").asText()).isEqualTo("Input.Number");
        JsonNode submit = card.path("actions").get(0);
        assertThat(submit.path("type").asText()).isEqualTo("Action.Submit");
        assertThat(submit.path("data").path("opsbot").path("form").asText()).isEqualTo("feedback.new");
        assertThat(submit.path("data").path("opsbot").path("nonce").asText()).matches("[0-9a-f]{32}");
    }

    @Test
    void submittedFormIsStoredAndTheCardReplacedByTheConfirmationOnce() {
        send(fixture("message.personal.json").text("feedback"));
        Recorded formCard = single(sent());
        Map<String, Object> value = submitData(formCard, Map.of("summary", "Needs SSO with Okta", "details",
                "400 seats", "type", "FEATURE_REQUEST", "area", "integrations", "impact", "5"));
        connector.clear();

        TeamsFixtures.Activity submit = fixture("message.value.messageBack.json").value(value).replyToId("1700000000001");
        send(submit);

        FeedbackItem item = feedback.findByTenantAndNumber(tenant, 1).orElseThrow();
        assertThat(item.getSummary()).isEqualTo("Needs SSO with Okta");
        assertThat(item.getImpact()).isEqualTo(5);
        assertThat(item.getSource()).isEqualTo(FeedbackSource.FORM);
        Recorded update = single(updated());
        assertThat(update.path()).endsWith("/activities/1700000000001");
        assertThat(update.conversationId()).isEqualTo(submit.conversationId());
        assertThat(card(update).toString()).contains("Saved as").contains("Needs SSO with Okta")
                .doesNotContain("Input.Text");

        connector.clear();
        send(submit.again());

        assertThat(feedback.countByTenant(tenant)).as("a second submit of the same card stores nothing").isEqualTo(1);
        assertThat(updated()).isEmpty();
        assertThat(single(sent()).body().path("text").asText()).contains("already submitted");
    }

    @Test
    void rejectedSubmitShowsTheTypedValuesAndErrorsAndStoresNothing() {
        send(fixture("message.personal.json").text("feedback"));
        Recorded formCard = single(sent());
        connector.clear();

        send(fixture("message.value.messageBack.json").replyToId("42")
                .value(submitData(formCard, Map.of("summary", " ", "customer", "Acme", "impact", "9"))));

        assertThat(feedback.countByTenant(tenant)).isZero();
        JsonNode card = card(single(updated()));
        assertThat(input(card, "customer").path("value").asText()).isEqualTo("Acme");
        assertThat(input(card, "impact").path("value").asInt()).isEqualTo(9);
        assertThat(errorUnder(card, "summary")).isEqualTo("Summary is required.");
        assertThat(errorUnder(card, "impact")).isEqualTo("Enter a number from 1 to 5.");
        String nonce = card.path("actions").get(0).path("data").path("opsbot").path("nonce").asText();
        assertThat(nonce).as("the same card can be corrected and sent again")
                .isEqualTo(formCard.body().path("attachments").get(0).path("content").path("actions").get(0)
                        .path("data").path("opsbot").path("nonce").asText());

        send(fixture("message.value.messageBack.json").replyToId("42")
                .value(submitData(formCard, Map.of("summary", "Fixed it", "impact", "2"))));

        assertThat(feedback.findByTenantAndNumber(tenant, 1).orElseThrow().getSummary()).isEqualTo("Fixed it");
    }

    @Test
    void aFormFromAnotherTenantIsRefused() {
        send(fixture("message.personal.json").text("feedback"));
        Map<String, Object> value = submitData(single(sent()), Map.of("summary", "Sneaky"));
        String otherTenant = TeamsRequests.freshTenant();

        send(TeamsFixtures.load("message.value.messageBack.json").serviceUrl(serviceUrl)
                .tenant(otherTenant).value(value));

        assertThat(feedback.countByTenant(TenantRef.teams(otherTenant))).isZero();
        assertThat(feedback.countByTenant(tenant)).isZero();
    }

    @Test
    void botAddedToATeamPostsOneWelcomeInTheChannelAndStoresTheReference() {
        TeamsFixtures.Activity added = fixture("conversationUpdate.membersAdded.bot-added-to-team.json");

        send(added);
        send(fixture("installationUpdate.add.team.json"));
        send(added);

        Recorded welcome = single(sent());
        assertThat(welcome.conversationId()).isEqualTo("19:0b7f32667e064dd9b25d7969801541f4@thread.tacv2");
        assertThat(welcome.body().path("text").asText()).contains("`help`").contains("`feedback triage here`");
        TeamsConversation stored = references.find(tenant, added.conversationId()).orElseThrow();
        assertThat(stored.getConversationType()).isEqualTo("channel");
        assertThat(stored.getTeamId()).isEqualTo("19:zFLSDFWsesfzcmKArqKJ-65aOXJz@sgf462H2wz41@thread.tacv2");
        assertThat(stored.getBotId()).isEqualTo("28:608cacfd-1cea-40c9-b678-4b93e69bb72b");
        assertThat(stored.getUserId()).as("a channel is nobody's 1:1 chat").isNull();

        send(fixture("installationUpdate.add.team.json").set("action", "remove"));
        send(fixture("installationUpdate.add.team.json"));
        assertThat(sent()).as("welcomed again after a re-install").hasSize(2);
    }

    @Test
    void botAddedToAPersonalChatWelcomesThePerson() {
        send(fixture("conversationUpdate.membersAdded.bot-added-to-personal.json"));

        assertThat(sent()).as("the welcome, then the person's home (TeamsHomeTest)").hasSize(2);
        Recorded welcome = sent().get(0);
        assertThat(welcome.conversationId()).isEqualTo("***");
        assertThat(welcome.body().path("text").asText())
                .as("entities outside the code spans, where Teams decodes them")
                .contains("`feedback `&lt;`what you heard`&gt;");
        assertThat(references.personal(tenant, "29:<USERID>")).isPresent();
    }

    @Test
    void triageHereInAChannelThenACaptureInAPersonalChatPostsTheItemToThatChannel() {
        TeamsFixtures.Activity inChannel = fixture("message.channel.mention.json")
                .text("<at>ridotest</at> feedback triage here");
        send(inChannel);
        String channel = "19:6848757105754c8981c67612732d9aa7@thread.tacv2";
        assertThat(sent()).extracting(Recorded::conversationId)
                .as("a notice as a new post in the channel, the confirmation in the thread it was asked in")
                .containsExactlyInAnyOrder(channel, inChannel.conversationId());
        connector.clear();

        send(fixture("message.personal.json").text("feedback bug: Login loops on Safari #mobile !high"));

        await().atMost(Duration.ofSeconds(5)).until(() -> sent().stream()
                .anyMatch(r -> channel.equals(r.conversationId())));
        Recorded triage = sent().stream().filter(r -> channel.equals(r.conversationId()))
                .findFirst().orElseThrow();
        JsonNode card = card(triage);
        assertThat(card.path("body").get(0).path("text").asText()).isEqualTo("🆕 FB-1 · Bug");
        assertThat(buttons(card).get(0).path("verb").asText()).isEqualTo("feedback.vote");
        JsonNode button = buttons(card).get(2);
        assertThat(button.path("type").asText()).isEqualTo("Action.Execute");
        assertThat(button.path("verb").asText()).isEqualTo("feedback.status");
        assertThat(button.path("fallback").path("type").asText()).isEqualTo("Action.Submit");
        assertThat(button.path("fallback").path("data")).isEqualTo(button.path("data"));
        await().until(() -> feedbackTriage.delivery(feedback.findByTenantAndNumber(tenant, 1).orElseThrow())
                .map(d -> d.getPosted() != null).orElse(false));
    }

    @Test
    void adaptiveCardActionInvokeIsAnsweredWithTheNewCard() {
        send(fixture("message.personal.json").text("feedback Dark mode please"));
        FeedbackItem item = feedback.findByTenantAndNumber(tenant, 1).orElseThrow();
        connector.clear();

        MvcResult result = send(fixture("invoke.adaptiveCard_action.personal.json").actionData("feedback.status",
                Map.of("opsbot", Map.of("action", "feedback.status", "value", item.getId() + ":PLANNED"))));

        JsonNode response = json(result);
        assertThat(response.path("statusCode").asInt()).isEqualTo(200);
        assertThat(response.path("type").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(response.path("value").path("body").get(0).path("text").asText()).isEqualTo("🗓️ FB-1 · Feedback");
        assertThat(feedback.findById(item.getId()).orElseThrow().getStatus()).isEqualTo(FeedbackStatus.PLANNED);
        assertThat(updated()).as("the invoke response itself replaces the card").isEmpty();
    }

    @Test
    void aFormSubmittedThroughAnInvokeIsAnsweredWithTheConfirmationCard() {
        send(fixture("message.personal.json").text("feedback"));
        Map<String, Object> data = submitData(single(sent()), Map.of("summary", "Via invoke"));

        MvcResult result = send(fixture("invoke.adaptiveCard_action.personal.json").actionData("submit", data));

        JsonNode response = json(result);
        assertThat(response.path("type").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(response.path("value").toString()).contains("Saved as").contains("Via invoke");
        assertThat(feedback.findByTenantAndNumber(tenant, 1).orElseThrow().getSummary()).isEqualTo("Via invoke");

        JsonNode again = json(send(fixture("invoke.adaptiveCard_action.personal.json").actionData("submit", data)));
        assertThat(again.path("value").asText()).isEqualTo("This form was already submitted.");
        assertThat(feedback.countByTenant(tenant)).isEqualTo(1);
    }

    @Test
    void anInvokeWithDataThatIsNotOursGetsAMessage() {
        MvcResult result = send(fixture("invoke.adaptiveCard_action.personal.json"));

        JsonNode response = json(result);
        assertThat(response.path("type").asText()).isEqualTo("application/vnd.microsoft.activity.message");
        assertThat(response.path("value").asText()).isEqualTo("That button is no longer active.");
    }

    @Test
    void aButtonClickedOnAClientWithoutUniversalActionsUpdatesTheCardThroughTheConnector() {
        send(fixture("message.personal.json").text("feedback Bulk edit for tags"));
        FeedbackItem item = feedback.findByTenantAndNumber(tenant, 1).orElseThrow();
        connector.clear();
        TeamsFixtures.Activity click = fixture("message.value.messageBack.json").replyToId("1575667808184")
                .value(Map.of("opsbot", Map.of("action", "feedback.status", "value", item.getId() + ":SHIPPED")));

        send(click);

        Recorded update = single(updated());
        assertThat(update.path()).endsWith("/activities/1575667808184");
        assertThat(card(update).path("body").get(0).path("text").asText()).isEqualTo("🚀 FB-1 · Feedback");
        assertThat(feedback.findById(item.getId()).orElseThrow().getStatus()).isEqualTo(FeedbackStatus.SHIPPED);
        String reportersChat = fixture("message.personal.json").conversationId();
        await().atMost(Duration.ofSeconds(5)).until(() -> sent().stream()
                .anyMatch(r -> reportersChat.equals(r.conversationId())
                        && r.body().path("text").asText().contains("Your feedback **FB-1**")
                        && r.body().path("text").asText().contains("has shipped")));
    }

    @Test
    void otherActivitiesAreAcknowledgedAndOnlyTheirConversationIsRecorded() {
        send(fixture("messageReaction.reactionsAdded.json"));
        send(fixture("conversationUpdate.channelCreated.json"));

        assertThat(connector.connectorCalls().stream().filter(this::mine).toList()).isEmpty();
        assertThat(references.find(tenant, "19:3629591d4b774aa08cb0887902eee7c1@thread.skype")).isPresent();
    }

    @Test
    void bodiesThatAreNotActivitiesAreBadRequests() {
        assertThat(TeamsRequests.send(mvc, "{\"type\": \"message\", ", null).getResponse().getStatus()).isEqualTo(400);
        assertThat(TeamsRequests.send(mvc, "[1, 2]", null).getResponse().getStatus()).isEqualTo(400);
        assertThat(TeamsRequests.send(mvc, "", null).getResponse().getStatus()).isEqualTo(400);
    }
}
