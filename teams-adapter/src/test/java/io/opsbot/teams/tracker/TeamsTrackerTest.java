package io.opsbot.teams.tracker;

import io.opsbot.core.feedback.FeedbackItem;
import io.opsbot.core.feedback.FeedbackRepository;
import io.opsbot.core.feedback.FeedbackStatus;
import io.opsbot.core.feedback.FeedbackTriage;
import io.opsbot.core.feedback.TrackerConnection;
import io.opsbot.core.feedback.TrackerConnections;
import io.opsbot.core.feedback.TrackerKind;
import io.opsbot.core.feedback.TrackerLinks;
import io.opsbot.core.gateway.PostedMessage;
import io.opsbot.core.testing.FakeTrackers;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.core.testing.TrackerWebhookRequests;
import io.opsbot.teams.testing.FakeBotConnector.Recorded;
import io.opsbot.teams.testing.TeamsAdapterTest;
import io.opsbot.teams.testing.TeamsFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static io.opsbot.teams.testing.AdaptiveCards.card;
import static io.opsbot.teams.testing.AdaptiveCards.inputs;
import static io.opsbot.teams.testing.AdaptiveCards.submitData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Jira both ways on Teams: Megan (the tenant's first admin, who set up triage) connects Jira with a form card (a bad
 * token refused with Jira's words), creates an issue from the triage card (a 429 first: saved, retried after
 * Retry-After), Jira's signed webhook ships the item and the reporter and each voter are told once in their 1:1
 * chats; forged deliveries get 401 and change nothing.
 */
class TeamsTrackerTest extends TeamsAdapterTest {

    @Autowired
    FeedbackRepository feedback;
    @Autowired
    FeedbackTriage triage;
    @Autowired
    TrackerConnections connections;
    @Autowired
    TrackerLinks links;
    @Autowired
    MutableClock clock;

    @BeforeEach
    void triageInTheChannel() {
        send(fixture("message.channel.mention.json").text("<at>ridotest</at> feedback triage here")
                .from(TeamsFixtures.MEGAN_29, "Megan Bowen", TeamsFixtures.MEGAN_AAD));
        TRACKERS.reset();
        connector.clear();
    }

    private TeamsFixtures.Activity megan(String text) {
        return fixture("message.personal.json").text(text);
    }

    private static String aad(String name) {
        return "00000000-0000-4000-8000-" + String.format("%012d", Math.abs(name.hashCode()));
    }

    private TeamsFixtures.Activity member(String name, String text) {
        return fixture("message.personal.json").from("29:" + name, name, aad(name)).conversationId("a:" + name)
                .text(text);
    }

    /** A click on a card button, by Megan unless named. */
    private TeamsFixtures.Activity click(String action, String value) {
        return fixture("invoke.adaptiveCard_action.personal.json")
                .from(TeamsFixtures.MEGAN_29, "Megan Bowen", TeamsFixtures.MEGAN_AAD)
                .actionData(action, Map.of("opsbot", Map.of("action", action, "value", value)));
    }

    /** The form card the bot sent with an input of this id. */
    private Recorded formCard(String inputId) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> sent().stream().filter(r -> !r.body()
                        .path("attachments").isEmpty() && inputs(card(r)).stream()
                        .anyMatch(i -> inputId.equals(i.path("id").asText()))).reduce((a, b) -> b).orElse(null),
                Objects::nonNull);
    }

    /** Megan submits the form card, as Teams sends an Action.Submit back. */
    private void submit(Recorded formCard, Map<String, String> values) {
        Map<String, String> all = new LinkedHashMap<>();
        inputs(card(formCard)).forEach(i -> all.put(i.path("id").asText(), i.path("value").asText("")));
        all.putAll(values);
        send(megan("").without("text").replyToId(formCard.responseId()).value(submitData(formCard, all)));
    }

    private FeedbackItem item(long number) {
        return feedback.findByTenantAndNumber(tenant, number).orElseThrow();
    }

    private MvcResult webhook(String connectionId, String body, String signature) throws Exception {
        var request = post("/webhooks/jira/" + connectionId).contentType(MediaType.APPLICATION_JSON)
                .content(body.getBytes(StandardCharsets.UTF_8));
        if (signature != null) {
            request.header("X-Hub-Signature", signature);
        }
        return mvc.perform(request).andReturn();
    }

    /** "Has shipped" notices the person got, in the chat they wrote from or one the bot opened with them. */
    private List<Recorded> shippedNoticesTo(String name) {
        java.util.Set<String> chats = new java.util.HashSet<>();
        chats.add("a:" + name);
        createdConversations().stream().filter(c -> c.body().path("members").toString().contains(aad(name))
                || c.body().path("members").toString().contains("29:" + name))
                .forEach(c -> chats.add(c.responseId()));
        return sent().stream().filter(r -> chats.contains(r.conversationId())
                && r.body().path("text").asText().contains("has shipped")).toList();
    }

    @Test
    void anIssueCreatedFromTheCardAfterA429ShipsByWebhookAndEveryoneWhoAskedIsToldOnce() throws Exception {
        send(megan("feedback connect jira"));
        // The API token is typed hidden (Input.Text style password), the site and e-mail are not.
        assertThat(inputs(card(formCard("token")))).filteredOn(i -> "password".equals(i.path("style").asText()))
                .extracting(i -> i.path("id").asText()).containsExactly("token");
        submit(formCard("token"), Map.of("site", TRACKERS.jiraSite(), "email", FakeTrackers.JIRA_EMAIL,
                "token", "revoked"));
        assertThat(connections.find(tenant, TrackerKind.JIRA)).isEmpty();
        assertThat(sent().toString() + updated()).contains("Jira said: Client must be authenticated to access this "
                + "resource.");
        connector.clear();
        send(megan("feedback connect jira"));
        submit(formCard("token"), Map.of("site", TRACKERS.jiraSite(), "email", FakeTrackers.JIRA_EMAIL,
                "token", FakeTrackers.JIRA_TOKEN));
        TrackerConnection jira = await().until(() -> connections.find(tenant, TrackerKind.JIRA).orElse(null),
                Objects::nonNull);

        send(member("Rita", "feedback Gantt export to PDF"));
        FeedbackItem item = item(1);
        send(member("Ana", "feedback +1 FB-1 Contoso"));
        send(member("Cy", "feedback +1 FB-1"));
        PostedMessage post = await().until(() -> triage.delivery(item).map(d -> d.getPosted()).orElse(null),
                Objects::nonNull);

        MvcResult refused = send(fixture("invoke.adaptiveCard_action.personal.json").from("29:Cy", "Cy", aad("Cy"))
                .actionData("feedback.jira", Map.of("opsbot", Map.of("action", "feedback.jira",
                        "value", item.getId()))));
        assertThat(json(refused).path("value").asText()).contains("Only a triager or admin");

        TRACKERS.answerNext("POST", "/jira/rest/api/3/issue", new FakeTrackers.Answer(429, "", "20"));
        connector.clear();
        send(click("feedback.jira", item.getId()));
        Recorded create = formCard("target");
        assertThat(card(create).toString()).contains("EX · Bug (Example)");
        submit(create, Map.of("target", "10000:1", "title", "Gantt export to PDF"));
        assertThat(item(1).getTrackerLink()).isNull();
        clock.advance(Duration.ofSeconds(20));
        assertThat(links.retryDue()).isEqualTo(1);
        assertThat(item(1).getTrackerLink().key()).isEqualTo(FakeTrackers.CREATED_KEY);
        assertThat(TRACKERS.calls("POST", "/jira/rest/api/3/issue")).hasSize(2);
        assertThat(TRACKERS.calls("POST", "/jira/rest/api/3/issue").get(1).body()).contains("Contoso")
                .contains("3 people asked").contains("Rita");

        String done = TrackerWebhookRequests.jiraIssueUpdated(FakeTrackers.CREATED_KEY, "done", "Done");
        assertThat(webhook(jira.getId(), done, null).getResponse().getStatus()).isEqualTo(401);
        assertThat(webhook(jira.getId(), done, TrackerWebhookRequests.jiraSignature("not-the-secret", done))
                .getResponse().getStatus()).isEqualTo(401);
        assertThat(item(1).getStatus()).isEqualTo(FeedbackStatus.NEW);
        String signature = TrackerWebhookRequests.jiraSignature(connections.webhookSecret(jira), done);
        assertThat(webhook(jira.getId(), done, signature).getResponse().getStatus()).isEqualTo(200);
        assertThat(webhook(jira.getId(), done, signature).getResponse().getStatus()).isEqualTo(200);

        assertThat(item(1).getStatus()).isEqualTo(FeedbackStatus.SHIPPED);
        for (String person : List.of("Rita", "Ana", "Cy")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !shippedNoticesTo(person).isEmpty());
        }
        Thread.sleep(300);
        for (String person : List.of("Rita", "Ana", "Cy")) {
            assertThat(shippedNoticesTo(person)).as(person).hasSize(1);
        }
        assertThat(shippedNoticesTo("Ana").get(0).body().path("text").asText()).contains("for **Contoso**");
        assertThat(post.messageId()).isNotBlank();
    }
}
