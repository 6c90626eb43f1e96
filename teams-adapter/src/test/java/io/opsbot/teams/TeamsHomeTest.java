package io.opsbot.teams;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.home.HomeCards;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.core.training.Announcement;
import io.opsbot.core.training.AnnouncementDraft;
import io.opsbot.core.training.AnnouncementService;
import io.opsbot.core.training.TrainingActions;
import io.opsbot.teams.testing.FakeBotConnector.Recorded;
import io.opsbot.teams.testing.TeamsAdapterTest;
import io.opsbot.teams.testing.TeamsFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.opsbot.teams.testing.AdaptiveCards.buttons;
import static io.opsbot.teams.testing.AdaptiveCards.card;
import static io.opsbot.teams.testing.AdaptiveCards.texts;
import static io.opsbot.teams.testing.TeamsFixtures.MEGAN_29;
import static io.opsbot.teams.testing.TeamsFixtures.MEGAN_AAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The personal home on Teams: shown when the personal chat is first opened and on {@code home}, as one Adaptive Card
 * 1.5 that Teams refreshes through Universal Actions ({@code refresh} + {@code adaptiveCard/action}); a button on it
 * does its work, its answer arrives as a new message, and the home is answered rebuilt.
 */
class TeamsHomeTest extends TeamsAdapterTest {

    @Autowired
    AnnouncementService announcements;

    /** An announcement to Megan; returns once its DM went out, so later sends in her chat are the test's own. */
    private Announcement announceToMegan() {
        Invoker organizer = new Invoker(new UserRef(tenant, "aad-organizer"), "Olga Organizer",
                new Destination.Channel(tenant, "a:olga"), true, null);
        send(fixture("message.personal.json").text("help"));
        Announcement announcement = announcements.announce(organizer, new AnnouncementDraft(
                "New expense tool", "From Monday, expenses go through Spendly.", null,
                List.of(new UserRef(tenant, MEGAN_AAD)), Duration.ofHours(48)));
        await().atMost(Duration.ofSeconds(5)).until(() -> sent().stream()
                .anyMatch(r -> r.body().path("summary").asText().startsWith("New: New expense tool")));
        connector.clear();
        return announcement;
    }

    /** Megan's 1:1 chat with the bot (other sends, such as the organizer's card, go elsewhere). */
    private String meganChat() {
        return fixture("message.personal.json").conversationId();
    }

    /** Megan's Action.Execute on a card in her 1:1 chat (the published invoke, sent by her). */
    private TeamsFixtures.Activity execute(String verb, Map<String, ?> data) {
        return fixture("invoke.adaptiveCard_action.personal.json").from(MEGAN_29, "Megan Bowen", MEGAN_AAD)
                .actionData(verb, data);
    }

    private static JsonNode liveButton(JsonNode card, String actionId) {
        return buttons(card).stream().filter(b -> b.path("verb").asText().equals(actionId)).findFirst()
                .orElseThrow();
    }

    @Test
    void openingThePersonalChatTheFirstTimeShowsTheWelcomeAndTheHomeOnce() {
        TeamsFixtures.Activity installed = fixture("conversationUpdate.membersAdded.bot-added-to-personal.json");

        send(installed);
        send(fixture("conversationUpdate.membersAdded.bot-added-to-personal.json"));

        List<Recorded> sent = sentTo(installed.conversationId());
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).body().path("text").asText()).contains("`home`");
        JsonNode home = card(sent.get(1));
        assertThat(home.path("version").asText()).isEqualTo("1.5");
        assertThat(texts(home)).contains("🏠 What is waiting for you").anyMatch(t -> t.contains("Nothing needs you"));
        JsonNode refresh = home.path("refresh").path("action");
        assertThat(refresh.path("type").asText()).isEqualTo("Action.Execute");
        assertThat(refresh.path("verb").asText()).isEqualTo(HomeCards.REFRESH);
        assertThat(sent.get(1).body().path("summary").asText()).isEqualTo("Nothing is waiting for you");
    }

    @Test
    void homeShowsWhatIsWaitingWithEachItemsButtonOnALiveCard() {
        Announcement announcement = announceToMegan();
        send(fixture("message.personal.json").text("feedback Dark mode for the reports"));
        connector.clear();

        send(fixture("message.personal.json").text("home"));

        JsonNode home = card(single(sentTo(meganChat())));
        assertThat(texts(home)).anyMatch(t -> t.contains("AN-1") && t.contains("New expense tool"))
                .anyMatch(t -> t.contains("FB-1") && t.contains("Dark mode for the reports"));
        assertThat(home.path("refresh").path("action").path("verb").asText()).isEqualTo(HomeCards.REFRESH);
        JsonNode acknowledge = liveButton(home, TrainingActions.ACKNOWLEDGE);
        assertThat(acknowledge.path("type").asText()).isEqualTo("Action.Execute");
        assertThat(acknowledge.path("data").path("opsbot").path("value").asText()).isEqualTo(announcement.getId());
        assertThat(acknowledge.path("data").path("opsbot").path("refresh").asText()).isEqualTo(HomeCards.REFRESH);
        assertThat(acknowledge.path("fallback").path("type").asText()).isEqualTo("Action.Submit");
    }

    @Test
    void theAutomaticRefreshIsAnsweredWithTheHomeAsItIsNow() {
        send(fixture("message.personal.json").text("home"));
        JsonNode before = card(single(sentTo(meganChat())));
        assertThat(texts(before)).anyMatch(t -> t.contains("Nothing needs you"));
        announceToMegan();

        JsonNode refreshed = json(send(execute(HomeCards.REFRESH, Map.of("opsbot", Map.of("action",
                HomeCards.REFRESH, "value", "")))));

        assertThat(refreshed.path("statusCode").asInt()).isEqualTo(200);
        assertThat(refreshed.path("type").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        JsonNode card = refreshed.path("value");
        assertThat(texts(card)).anyMatch(t -> t.contains("AN-1"));
        assertThat(card.path("refresh").path("action").path("verb").asText()).as("still live")
                .isEqualTo(HomeCards.REFRESH);
    }

    @Test
    void aButtonOnTheHomeDoesItsWorkPostsItsAnswerAndTheHomeComesBackRebuilt() {
        Announcement announcement = announceToMegan();
        send(fixture("message.personal.json").text("home"));
        JsonNode home = card(single(sentTo(meganChat())));
        connector.clear();
        JsonNode acknowledge = liveButton(home, TrainingActions.ACKNOWLEDGE);

        JsonNode response = json(send(execute(acknowledge.path("verb").asText(),
                io.opsbot.teams.testing.AdaptiveCards.data(acknowledge))));

        assertThat(announcements.find(announcement.getId()).orElseThrow()
                .acknowledged(new UserRef(tenant, MEGAN_AAD))).isTrue();
        JsonNode rebuilt = response.path("value");
        assertThat(texts(rebuilt)).noneMatch(t -> t.contains("AN-1")).anyMatch(t -> t.contains("Nothing needs you"));
        assertThat(rebuilt.path("refresh").path("action").path("verb").asText()).isEqualTo(HomeCards.REFRESH);
        String invokedIn = fixture("invoke.adaptiveCard_action.personal.json").conversationId();
        assertThat(texts(card(single(sentTo(invokedIn))))).as("the announcement's own answer, as a new message")
                .anyMatch(t -> t.contains("New expense tool"));
    }

    @Test
    void onAClientWithoutUniversalActionsTheHomeIsRebuiltThroughTheConnector() {
        Announcement announcement = announceToMegan();
        TeamsFixtures.Activity click = fixture("message.value.messageBack.json").from(MEGAN_29, "Megan Bowen",
                MEGAN_AAD).replyToId("1575667808184").value(Map.of("opsbot", Map.of("action",
                TrainingActions.ACKNOWLEDGE, "value", announcement.getId(), "refresh", HomeCards.REFRESH)));

        send(click);

        Recorded update = single(updated().stream().filter(u -> click.conversationId().equals(u.conversationId()))
                .toList());
        assertThat(update.path()).endsWith("/activities/1575667808184");
        assertThat(texts(card(update))).anyMatch(t -> t.contains("What is waiting for you"))
                .noneMatch(t -> t.contains("AN-1"));
        assertThat(sentTo(click.conversationId())).as("the acknowledgement's own answer").hasSize(1);
    }
}
