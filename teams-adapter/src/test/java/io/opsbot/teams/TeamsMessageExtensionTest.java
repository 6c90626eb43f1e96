package io.opsbot.teams;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opsbot.core.feedback.FeedbackFromMessage;
import io.opsbot.core.feedback.FeedbackItem;
import io.opsbot.core.feedback.FeedbackRepository;
import io.opsbot.core.feedback.FeedbackSource;
import io.opsbot.teams.testing.FakeBotConnector.Recorded;
import io.opsbot.teams.testing.TeamsAdapterTest;
import io.opsbot.teams.testing.TeamsFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.opsbot.teams.testing.AdaptiveCards.errorUnder;
import static io.opsbot.teams.testing.AdaptiveCards.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * "Save as feedback" from the message extension, end to end from Microsoft's published message-extension invokes in
 * a channel thread, a group chat and a 1:1 chat (see the test fixtures' SOURCES.md for what is adapted): the dialog
 * opens with the feedback form filled from the message, its submit saves the item through the core, and the triage
 * post and the reporter's status notice follow as for a typed {@code feedback}.
 */
class TeamsMessageExtensionTest extends TeamsAdapterTest {

    static final String OLO_AAD = "b130c271-d2eb-45f9-83ab-9eb3fe3788bc";
    static final String OLO_29 = "29:1aBjVi5MwCFfhPIV03E5uDdfpBFXp_2Yz-sjrvVg12oavg96cqpE_DiMhOpmN9zHeZpYbJcuUEKuSDy2AYWPz1A";
    static final String THREAD_MESSAGE_TEXT = "Testing outgoing Webhook-Nikitha - Hi";
    static final String LINK = "https://teams.microsoft.com/l/message/19:6decf54d86d945e4b3924b63a9161a78@thread.skype/"
            + "1611060744833";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    @Autowired
    FeedbackRepository feedback;

    /** The message the action was chosen on, as Teams sends it with a message action (the reply-thread example). */
    private static JsonNode messagePayload() {
        return TeamsFixtures.load("invoke.composeExtension_fetchTask.message-action-reply-thread.json").json()
                .path("value").path("messagePayload");
    }

    /** The fetchTask of the "Save as feedback" action, in the conversation of the given published example. */
    private TeamsFixtures.Activity fetchTask(String fixture) {
        TeamsFixtures.Activity activity = fixture(fixture);
        ObjectNode json = activity.json();
        if (!json.path("conversation").isObject()) {
            // The published 1:1 example leaves the conversation out; Teams sends it with every invoke.
            json.putObject("conversation").put("conversationType", "personal")
                    .put("id", "a:1XJKJMvc5GBtc2JwZq0oj8tHZmzrQgFmB39ATiQWA85gQtHieVkKilBZ9XHoq9j7Zaqt7CZ-NJWi7");
        }
        ObjectNode value = (ObjectNode) json.path("value");
        value.put("commandId", FeedbackFromMessage.ID);
        value.put("commandContext", "message");
        if (!value.has("messagePayload")) {
            value.set("messagePayload", messagePayload().deepCopy());
        }
        return activity;
    }

    /** The submitAction of the dialog in the same conversation: the published submitAction's value, our data. */
    private TeamsFixtures.Activity submitAction(String fixture, Map<String, Object> data) {
        TeamsFixtures.Activity activity = fetchTask(fixture);
        ObjectNode json = activity.json();
        json.put("name", "composeExtension/submitAction");
        ObjectNode value = ((ObjectNode) TeamsFixtures.load("invoke.composeExtension_submitAction.shortened.json")
                .json().path("value")).deepCopy();
        value.put("commandId", FeedbackFromMessage.ID);
        value.put("commandContext", "message");
        value.set("data", JSON.valueToTree(data));
        json.set("value", value);
        return activity;
    }

    /** What Teams sends back from the dialog's card: its submit data plus each input's value. */
    private static Map<String, Object> submitted(JsonNode dialogCard, Map<String, String> changes) {
        Map<String, Object> data = new LinkedHashMap<>(JSON.convertValue(dialogCard.path("actions").get(0)
                .path("data"), MAP));
        for (JsonNode input : dialogCard.path("body")) {
            if (input.path("type").asText().startsWith("Input.") && input.hasNonNull("value")) {
                data.put(input.path("id").asText(), input.path("value").asText());
            }
        }
        data.putAll(changes);
        return data;
    }

    private static JsonNode dialogCard(JsonNode response) {
        assertThat(response.path("task").path("type").asText()).isEqualTo("continue");
        JsonNode card = response.path("task").path("value").path("card");
        assertThat(card.path("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        return card.path("content");
    }

    private static String dialogMessage(JsonNode response) {
        assertThat(response.path("task").path("type").asText()).isEqualTo("message");
        return response.path("task").path("value").asText();
    }

    private void triageHere() {
        send(fixture("message.channel.mention.json").text("<at>ridotest</at> feedback triage here"));
        connector.clear();
    }

    @Test
    void inAChannelThreadTheDialogOpensFilledFromTheMessageAndItsSubmitSavesAndPostsToTriage() {
        triageHere();
        String fixture = "invoke.composeExtension_fetchTask.message-action-reply-thread.json";

        JsonNode card = dialogCard(json(send(fetchTask(fixture))));

        assertThat(input(card, "summary").path("value").asText()).isEqualTo(THREAD_MESSAGE_TEXT);
        assertThat(input(card, "details").path("value").asText())
                .isEqualTo("Olo Brockhouse wrote:\n" + THREAD_MESSAGE_TEXT);
        assertThat(input(card, "link").path("value").asText()).isEqualTo(LINK);
        assertThat(card.path("version").asText()).isEqualTo("1.5");
        assertThat(feedback.countByTenant(tenant)).as("nothing saved by opening the dialog").isZero();

        String confirmation = dialogMessage(json(send(submitAction(fixture, submitted(card, Map.of("impact", "4"))))));

        assertThat(confirmation).contains("Saved as FB-1").contains(THREAD_MESSAGE_TEXT);
        FeedbackItem item = feedback.findByTenantAndNumber(tenant, 1).orElseThrow();
        assertThat(item.getSource()).isEqualTo(FeedbackSource.MESSAGE);
        assertThat(item.getLink()).isEqualTo(LINK);
        assertThat(item.getImpact()).isEqualTo(4);
        assertThat(item.getReporter().userId()).as("the person who chose the action").isEqualTo(OLO_AAD);
        assertThat(item.getReporterName()).isEqualTo("Olo Brockhouse");

        await().atMost(Duration.ofSeconds(5)).until(() -> sentTo(TeamsFixtures.CHANNEL).size() == 1);
        assertThat(sentTo(TeamsFixtures.CHANNEL).get(0).text()).contains("FB-1").contains("a saved message");
    }

    @Test
    void inAGroupChatTheSavedItemsReporterIsToldWhenItsStatusChanges() {
        String fixture = "invoke.composeExtension_fetchTask.groupchat.json";
        JsonNode card = dialogCard(json(send(fetchTask(fixture))));
        assertThat(dialogMessage(json(send(submitAction(fixture, submitted(card, Map.of()))))))
                .contains("Saved as FB-1");
        connector.clear();

        send(fixture("message.personal.json").text("feedback status FB-1 planned"));

        await().atMost(Duration.ofSeconds(5)).until(() -> !createdConversations().isEmpty());
        Recorded created = single(createdConversations());
        assertThat(created.body().path("members").get(0).path("id").asText()).as("Olo's 1:1 chat")
                .isEqualTo(OLO_29);
        String chat = created.responseId();
        await().atMost(Duration.ofSeconds(5)).until(() -> !sentTo(chat).isEmpty());
        assertThat(sentTo(chat).get(0).text()).contains("Update on your feedback").contains("FB-1")
                .contains("Planned");
    }

    @Test
    void inAPersonalChatTheActionSavesTooAndAChannelNewPostWithoutAMessageOpensAnEmptyForm() {
        String personal = "invoke.composeExtension_fetchTask.personal.json";
        JsonNode card = dialogCard(json(send(fetchTask(personal))));
        assertThat(dialogMessage(json(send(submitAction(personal, submitted(card, Map.of("summary",
                "Customers ask for SSO"))))))).contains("Saved as FB-1").contains("Customers ask for SSO");
        assertThat(feedback.findByTenantAndNumber(tenant, 1).orElseThrow().getLink()).isEqualTo(LINK);

        TeamsFixtures.Activity compose = fixture("invoke.composeExtension_fetchTask.channel-new-post.json");
        ((ObjectNode) compose.json().path("value")).put("commandId", FeedbackFromMessage.ID);
        JsonNode empty = dialogCard(json(send(compose)));
        assertThat(input(empty, "summary").path("value").asText("")).isEmpty();
    }

    @Test
    void aRejectedSubmitShowsTheFormAgainWithTheErrorAndACorrectedOneIsSaved() {
        String fixture = "invoke.composeExtension_fetchTask.groupchat.json";
        JsonNode card = dialogCard(json(send(fetchTask(fixture))));

        JsonNode again = dialogCard(json(send(submitAction(fixture, submitted(card, Map.of("summary", "",
                "link", "not a link"))))));

        assertThat(errorUnder(again, "summary")).isNotBlank();
        assertThat(input(again, "link").path("value").asText()).as("what was typed is kept").isEqualTo("not a link");
        assertThat(feedback.countByTenant(tenant)).isZero();

        assertThat(dialogMessage(json(send(submitAction(fixture, submitted(again, Map.of("summary", "Fixed it",
                "link", "https://example.com/ticket/1"))))))).contains("Saved as FB-1");
        assertThat(feedback.countByTenant(tenant)).isEqualTo(1);
    }

    @Test
    void aSecondSubmitAnUnknownFormAndForeignDataGetAClearMessageInTheDialog() {
        String fixture = "invoke.composeExtension_fetchTask.groupchat.json";
        Map<String, Object> data = submitted(dialogCard(json(send(fetchTask(fixture)))), Map.of());
        send(submitAction(fixture, data));

        assertThat(dialogMessage(json(send(submitAction(fixture, data))))).contains("already submitted");
        assertThat(dialogMessage(json(send(submitAction(fixture, Map.of("opsbot", Map.of("form", "feedback.new",
                "nonce", "0123456789abcdef0123456789abcdef"), "summary", "Replayed"))))))
                .contains("no longer available").contains("choose the action on the message again");
        Map<String, Object> published = JSON.convertValue(TeamsFixtures.load(
                "invoke.composeExtension_submitAction.shortened.json").json().path("value").path("data"), MAP);
        assertThat(dialogMessage(json(send(submitAction(fixture, published))))).contains("no longer active");
        assertThat(feedback.countByTenant(tenant)).isEqualTo(1);
    }

    @Test
    void anActionTheBotDoesNotKnowSaysSo() {
        TeamsFixtures.Activity activity = fixture("invoke.composeExtension_fetchTask.message-action-reply-thread.json");

        assertThat(dialogMessage(json(send(activity)))).contains("no longer available");
        assertThat(List.of(feedback.countByTenant(tenant))).containsExactly(0L);
    }

    @Test
    void teamsMessageHtmlBecomesPlainText() {
        TeamsFixtures.Activity activity = fetchTask("invoke.composeExtension_fetchTask.groupchat.json");
        ((ObjectNode) activity.json().path("value").path("messagePayload").path("body")).put("content",
                "<p>Export &amp; import <b>fail</b></p><p>for &lt;large&gt; files<br>since Monday</p>");

        JsonNode card = dialogCard(json(send(activity)));

        assertThat(input(card, "summary").path("value").asText()).isEqualTo("Export & import fail");
        assertThat(input(card, "details").path("value").asText())
                .isEqualTo("Olo Brockhouse wrote:\nExport & import fail\nfor <large> files\nsince Monday");
    }
}
