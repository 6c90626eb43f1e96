package io.opsbot.teams.announcement;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsbot.core.delivery.Outbox;
import io.opsbot.teams.testing.FakeBotConnector.Recorded;
import io.opsbot.teams.testing.TeamsAdapterTest;
import io.opsbot.teams.testing.TeamsFixtures;
import io.opsbot.teams.testing.TeamsRequests;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.opsbot.teams.testing.AdaptiveCards.buttons;
import static io.opsbot.teams.testing.AdaptiveCards.card;
import static io.opsbot.teams.testing.AdaptiveCards.data;
import static io.opsbot.teams.testing.AdaptiveCards.inputs;
import static io.opsbot.teams.testing.AdaptiveCards.submitData;
import static io.opsbot.teams.testing.TeamsFixtures.MEGAN_29;
import static io.opsbot.teams.testing.TeamsFixtures.MEGAN_AAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An announcement people must acknowledge, end to end on Teams: the form in a channel, a card with Acknowledge in
 * Megan's chat with the bot, her click (an Action.Execute invoke) answered with the thank-you card, and the status
 * the organizer sees.
 */
class TeamsAnnouncementTest extends TeamsAdapterTest {

    static final String ADMIN_THREAD = TeamsFixtures.CHANNEL + ";messageid=1759881511856";

    @Autowired
    Outbox outbox;

    @Test
    void meganAcknowledgesFromHerChatAndTheOrganizerSeesIt() {
        String meganChat = fixture("message.personal.json").conversationId();
        send(fixture("message.personal.json").text("help"));
        Recorded form = single(replies(admin("training announce")));
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode input : inputs(card(form))) {
            values.put(input.path("id").asText(), input.path("value").asText(""));
        }
        values.putAll(Map.of("title", "New expense tool", "text", "Use <at>everyone</at> the new tool from Monday.",
                "people", MEGAN_AAD, "remind_after", "24"));
        send(fixture("message.channel.mention.json").without("text").without("attachments")
                .value(submitData(form, values)).replyToId(form.responseId()));

        Recorded announcement = await().atMost(Duration.ofSeconds(10)).until(() -> {
            outbox.retryDue();
            return sentTo(meganChat).stream().filter(r -> r.text().contains("New expense tool")).findFirst();
        }, Optional::isPresent).orElseThrow();
        assertThat(announcement.body().path("summary").asText()).isEqualTo("New: New expense tool (please acknowledge)");
        assertThat(card(announcement).toString()).doesNotContain("<at>everyone</at>");
        JsonNode acknowledge = buttons(card(announcement)).get(0);
        assertThat(acknowledge.path("title").asText()).isEqualTo("Acknowledge");
        Matcher reference = Pattern.compile("AN-[0-9]+").matcher(card(announcement).toString());
        assertThat(reference.find()).isTrue();

        MvcResult clicked = TeamsRequests.send(mvc, fixture("invoke.adaptiveCard_action.personal.json")
                .from(MEGAN_29, "Megan Bowen", MEGAN_AAD).conversationId(meganChat)
                .replyToId(announcement.responseId()).actionData(acknowledge.path("verb").asText(), data(acknowledge)));
        assertThat(clicked.getResponse().getStatus()).isEqualTo(200);
        assertThat(json(clicked).toString()).contains("Acknowledged. Thank you!");

        assertThat(single(replies(admin("training status " + reference.group()))).text())
                .contains("1 of 1 acknowledged");
    }

    private TeamsFixtures.Activity admin(String text) {
        return fixture("message.channel.mention.json").text("<at>ridotest</at> " + text);
    }

    private java.util.List<Recorded> replies(TeamsFixtures.Activity activity) {
        int before = sentTo(ADMIN_THREAD).size();
        send(activity);
        java.util.List<Recorded> now = sentTo(ADMIN_THREAD);
        return now.subList(before, now.size());
    }
}
