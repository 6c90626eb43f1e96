package io.opsbot.app.crossplatform;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsbot.core.delivery.Outbox;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.slack.testing.FakeSlackApi;
import io.opsbot.slack.testing.SignedSlackRequests;
import io.opsbot.slack.testing.SlackAdapterTest;
import io.opsbot.teams.testing.FakeBotConnector;
import io.opsbot.teams.testing.FakeBotConnector.Recorded;
import io.opsbot.teams.testing.TeamsFixtures;
import io.opsbot.teams.testing.TeamsRequests;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Drives one app with both adapters, as the platforms do: signed Slack requests in and the fake Slack Web API out;
 * Teams activities posted to the bot's endpoint (local mode) and the fake Bot Connector out. One per test, on a
 * fresh Teams tenant.
 */
final class BothPlatforms {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Pattern CODE = Pattern.compile("[A-Z2-9]{4}-[A-Z2-9]{4}");

    final FakeSlackApi slackApi;
    final FakeBotConnector connector;
    final SignedSlackRequests slack;
    final String tenantId;
    final String serviceUrl;
    private final int port;
    private final Outbox outbox;
    private final MongoTemplate mongo;

    BothPlatforms(FakeSlackApi slackApi, FakeBotConnector connector, int port, MutableClock clock, Outbox outbox,
                  MongoTemplate mongo) {
        this.mongo = mongo;
        this.slackApi = slackApi;
        this.connector = connector;
        this.port = port;
        this.outbox = outbox;
        this.slack = new SignedSlackRequests("http://127.0.0.1:" + port + "/slack/events",
                SlackAdapterTest.SIGNING_SECRET, clock::instant);
        this.tenantId = TeamsRequests.freshTenant();
        this.serviceUrl = connector.baseUrl() + "/" + tenantId + "/";
    }

    record TeamsPerson(String id, String name, String aad) {
    }

    /** A person on this test's Teams tenant. */
    TeamsPerson teamsPerson(String handle, String name, String aad) {
        return new TeamsPerson("29:" + handle + "-" + tenantId, name, aad);
    }

    // ---- linking --------------------------------------------------------------------------------------------------

    /** {@code /opsbot link} on Slack, the code sent to the bot on Teams: they are asked on Teams from then on. */
    void link(String slackUser, TeamsPerson teams) {
        String code = code(slashCommand("/opsbot", "link", "D" + slackUser, slackUser).body());
        assertThat(textOf(teamsReplies(teamsDmActivity(teams, "opsbot link " + code))))
                .as(teams.name()).contains("Linked with your Slack identity");
    }

    static String code(String reply) {
        Matcher m = CODE.matcher(reply);
        assertThat(m.find()).as(reply).isTrue();
        return m.group();
    }

    // ---- Slack in and out -----------------------------------------------------------------------------------------

    HttpResponse<String> slashCommand(String command, String text, String channelId, String userId) {
        return slack.slashCommand(SlackAdapterTest.commandFields(command, text, channelId, userId,
                slackApi.responseUrl("cross")));
    }

    void slackDm(String user, String text) {
        assertThat(slack.event(SlackAdapterTest.directMessage(user, "D" + user, text), 0).statusCode())
                .isEqualTo(200);
    }

    FakeSlackApi.Call awaitSlack(String channel, String textPrefixOrPart) {
        return slackApi.awaitCall("chat.postMessage", c -> channel.equals(c.param("channel"))
                && c.param("text") != null && c.param("text").contains(textPrefixOrPart));
    }

    // ---- Teams in and out -----------------------------------------------------------------------------------------

    String chatOf(String aad) {
        return "a:chat-" + aad + "-" + tenantId;
    }

    TeamsFixtures.Activity teamsDmActivity(TeamsPerson person, String text) {
        TeamsFixtures.Activity activity = TeamsFixtures.load("message.personal.json").serviceUrl(serviceUrl)
                .tenant(tenantId).from(person.id(), person.name(), person.aad()).conversationId(chatOf(person.aad()));
        return text == null ? activity : activity.text(text);
    }

    void teamsDm(TeamsPerson person, String text) {
        teamsSend(teamsDmActivity(person, text));
    }

    /** A button click on a card the bot sent into this person's chat, as the Bot Connector delivers it. */
    TeamsFixtures.Activity teamsClick(TeamsPerson person, Recorded card, String verb, Map<String, ?> data) {
        return TeamsFixtures.load("invoke.adaptiveCard_action.personal.json").serviceUrl(serviceUrl)
                .tenant(tenantId).from(person.id(), person.name(), person.aad()).conversationId(chatOf(person.aad()))
                .replyToId(card.responseId()).actionData(verb, data);
    }

    TeamsFixtures.Activity channel(String text) {
        return TeamsFixtures.load("message.channel.mention.json").serviceUrl(serviceUrl).tenant(tenantId)
                .text("<at>ridotest</at> " + text);
    }

    /** Posts the activity to the bot's Teams endpoint over HTTP (local mode: no token), as the Bot Connector does. */
    HttpResponse<String> teamsSend(TeamsFixtures.Activity activity) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/api/messages")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(activity.json().toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            // The replies are posted by the outbox after the 200.
            TeamsRequests.awaitReplies(mongo, tenantId);
            return response;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What the bot sent on this test's Teams tenant. */
    List<Recorded> mine() {
        return connector.sentActivities().stream().filter(r -> r.path().startsWith("/" + tenantId + "/")).toList();
    }

    /** What the bot sent into the activity's conversation while answering it. */
    List<Recorded> teamsReplies(TeamsFixtures.Activity activity) {
        String conversation = activity.conversationId();
        int before = (int) mine().stream().filter(r -> conversation.equals(r.conversationId())).count();
        teamsSend(activity);
        List<Recorded> now = mine().stream().filter(r -> conversation.equals(r.conversationId())).toList();
        return now.subList(before, now.size());
    }

    Recorded awaitTeams(String conversationId, String contains) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> delivered(() -> mine().stream()
                .filter(r -> conversationId.equals(r.conversationId()) && r.text().contains(contains))
                .findFirst()), Optional::isPresent).orElseThrow();
    }

    static Recorded single(List<Recorded> replies) {
        assertThat(replies).hasSize(1);
        return replies.get(0);
    }

    static String textOf(List<Recorded> replies) {
        Recorded reply = single(replies);
        JsonNode body = reply.body();
        return body.path("text").asText() + (body.has("attachments") ? body.path("attachments").toString() : "");
    }

    /** Reads after letting the outbox retry what is due (its Quartz job, stopped in tests). */
    <T> T delivered(Supplier<T> read) {
        outbox.retryDue();
        return read.get();
    }
}
