package io.opsbot.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opsbot.core.delivery.Outbox;
import io.opsbot.core.feedback.FeedbackRepository;
import io.opsbot.core.gateway.DeliveryException;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.ratelimit.RateLimiter;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.teams.connector.ConnectorClients;
import io.opsbot.teams.conversations.ConversationReferences;
import io.opsbot.teams.outbound.TeamsChatGateway;
import io.opsbot.teams.outbound.TeamsLimits;
import io.opsbot.teams.outbound.TeamsPacing;
import io.opsbot.teams.people.TeamsPeople;
import io.opsbot.teams.people.TeamsPeopleDirectory;
import io.opsbot.teams.testing.FakeBotConnector;
import io.opsbot.teams.testing.FakeBotConnector.Recorded;
import io.opsbot.teams.testing.AdaptiveCards;
import io.opsbot.teams.testing.TeamsAdapterTest;
import io.opsbot.teams.testing.TeamsFixtures;
import io.opsbot.teams.testing.TeamsRequests;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.opsbot.teams.testing.AdaptiveCards.card;
import static io.opsbot.teams.testing.AdaptiveCards.input;
import static io.opsbot.teams.testing.AdaptiveCards.submitData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What a hostile member, a flaky connector and an unusual activity do on Teams: user text stays inert in every field
 * the bot sends; an activity without a tenant is refused; help and welcome texts, zones and pickers render as meant;
 * refusals speak of the organisation; a redelivered message is handled once and a refused reply is retried.
 */
class TeamsHardeningTest extends TeamsAdapterTest {

    static final String TEAM = "19:66P469zibfbsGI-_a0aN_toLTZpyzS6u7CT3TsXdgPw1@thread.tacv2";
    static final String JOHN_AAD = "76b0b09f-d410-48fd-993e-84da521a597b";
    static final String INJECTION = "<at>Everyone</at> **bold** [x](https://evil.example) <b>hi</b> "
            + "\u202Egnp.exe\u0000 end";

    @Autowired
    FeedbackRepository feedback;
    @Autowired
    Outbox outbox;
    @Autowired
    MutableClock clock;
    @Autowired
    TeamsPeopleDirectory directory;
    @Autowired
    ProfileService profiles;
    @Autowired
    RateLimiter limiter;
    @Autowired
    ConnectorClients connectors;
    @Autowired
    ConversationReferences references;
    @Autowired
    TeamsProperties properties;
    @Autowired
    TeamsPeople teamsPeople;

    private TeamsFixtures.Activity megan(String text) {
        return fixture("message.personal.json").text(text);
    }

    private TeamsFixtures.Activity inChannel(String text) {
        return fixture("message.channel.mention.json").text("<at>ridotest</at> " + text);
    }

    /** Where a string sits: shown as markdown/HTML, as plain text (the notification preview), or inside an input. */
    private enum Field { RENDERED, PREVIEW, INPUT }

    private static void strings(JsonNode json, Field where, Map<Field, List<String>> out) {
        if (json.isTextual()) {
            out.get(where).add(json.asText());
        }
        boolean input = json.path("type").asText().startsWith("Input.");
        json.properties().forEach(field -> strings(field.getValue(), field.getKey().equals("summary")
                ? Field.PREVIEW : input && field.getKey().equals("value") ? Field.INPUT : where, out));
        if (json.isArray()) {
            json.forEach(child -> strings(child, where, out));
        }
    }

    private static void assertInert(Recorded activity) {
        Map<Field, List<String>> texts = Map.of(Field.RENDERED, new ArrayList<>(), Field.PREVIEW, new ArrayList<>(),
                Field.INPUT, new ArrayList<>());
        strings(activity.body(), Field.RENDERED, texts);
        texts.forEach((where, list) -> list.forEach(text -> assertThat(text)
                .as("no bidi override, no NUL, wherever it is").doesNotContain("\u202E").doesNotContain("\u0000")));
        for (Field shown : List.of(Field.RENDERED, Field.PREVIEW)) {
            texts.get(shown).forEach(text -> assertThat(text).as("no tag where text is shown")
                    .doesNotContain("<at>").doesNotContain("<b>"));
        }
        texts.get(Field.RENDERED).forEach(text -> assertThat(text).as("no markdown of the user's where it renders")
                .doesNotContain("[x](https://evil.example)").doesNotContain("**bold**"));
    }

    @Test
    void userTextIsInertInEveryFieldOfEverythingTheBotSends() {
        send(inChannel("feedback triage here"));
        connector.clear();

        TeamsFixtures.Activity message = megan("feedback " + INJECTION);
        send(message);

        Recorded reply = single(sentTo(message.conversationId()));
        assertInert(reply);
        // The confirmation carries "Me too", so it is a card: the text is in its first TextBlock.
        assertThat(AdaptiveCards.texts(AdaptiveCards.card(reply)).get(0)).as("shown as typed")
                .contains("\\*\\*bold\\*\\* \\[x\\](https://evil.example)");
        Recorded triage = await().until(() -> sent().stream().filter(r -> r.conversationId()
                .equals(TeamsFixtures.CHANNEL)).findFirst().orElse(null), java.util.Objects::nonNull);
        assertInert(triage);
        assertThat(triage.body().path("summary").asText()).as("the notification preview").contains("Everyone");

        // A rejected form comes back with what was typed in its inputs.
        connector.clear();
        send(megan("feedback"));
        Recorded form = single(sent());
        connector.clear();
        send(fixture("message.value.messageBack.json").replyToId("42")
                .value(submitData(form, Map.of("summary", INJECTION, "link", "ftp://nope"))));
        Recorded rejected = single(updated());
        assertInert(rejected);
        assertThat(input(card(rejected), "summary").path("value").asText()).startsWith("<at>Everyone</at>")
                .as("a typed value is given back as typed, only what could disguise it is dropped")
                .contains("gnp.exe end");

        // Typed into a form, <at> is not taken out on the way in: it must be inert on the way out.
        connector.clear();
        send(fixture("message.value.messageBack.json").replyToId("42")
                .value(submitData(form, Map.of("summary", INJECTION, "details", INJECTION))));
        assertInert(single(updated()));
        Recorded formTriage = await().until(() -> sent().stream().filter(r -> r.conversationId()
                .equals(TeamsFixtures.CHANNEL)).findFirst().orElse(null), java.util.Objects::nonNull);
        assertInert(formTriage);
    }

    @Test
    void aProbeOfTheEndpointIsAnswered() throws Exception {
        int status = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .head(io.opsbot.teams.inbound.TeamsMessagesController.PATH)).andReturn().getResponse().getStatus();

        assertThat(status).as("HEAD, as the Agents Playground probes it; 405 with a logged warning before")
                .isEqualTo(200);
    }

    @Test
    void anActivityWithoutATenantIsRefusedAndNothingIsStored() {
        TeamsFixtures.Activity message = megan("feedback From nowhere");
        ((ObjectNode) message.json().path("channelData")).remove("tenant");
        ((ObjectNode) message.json().path("conversation")).remove("tenantId");

        int status = TeamsRequests.send(mvc, message).getResponse().getStatus();

        assertThat(status).isEqualTo(400);
        assertThat(feedback.findAll()).noneMatch(i -> i.getSummary().equals("From nowhere"));
        assertThat(sent()).isEmpty();
    }

    @Test
    void helpAndWelcomeShowAngleBracketsAsTypedNotAsEntities() {
        send(fixture("conversationUpdate.membersAdded.bot-added-to-personal.json"));
        send(megan("feedback help"));

        List<String> texts = sent().stream().map(r -> r.body().path("text").asText()).filter(t -> !t.isEmpty())
                .toList();
        assertThat(texts).hasSize(2);
        Pattern codeSpan = Pattern.compile("`([^`]*)`");
        for (String text : texts) {
            Matcher m = codeSpan.matcher(text);
            while (m.find()) {
                assertThat(m.group(1)).as("Teams shows an entity inside a code span literally").doesNotContain("&");
            }
        }
        assertThat(texts.get(0)).contains("`feedback `&lt;`what you heard`&gt;");
        assertThat(texts.get(1)).contains("`feedback `&lt;`text`&gt;");
    }

    @Test
    void aZoneIsShownWithoutMarkdownEscapesAndRefusalsSpeakOfTheOrganisation() {
        send(megan("timezone America/Los_Angeles"));
        assertThat(single(sent()).body().path("text").asText()).contains("America/Los_Angeles")
                .doesNotContain("\\_");
        connector.clear();

        send(inChannel("feedback areas add mobile-web"));
        send(megan("feedback areas add tablets"));

        String refusal = sent().get(sent().size() - 1).body().path("text").asText();
        assertThat(refusal).contains("Only an admin of this organisation").doesNotContain("workspace");
    }

    @Test
    void thePeoplePickerIsValidAtSchema15AndListsRosterMembersByName() {
        connector.roster(TEAM, FakeBotConnector.docsRoster(tenantId));
        send(inChannel("help"));
        // A standup reading its channel's people, then looking up one of them: a profile with no name of its own.
        directory.members(new Destination.Channel(tenant, TeamsFixtures.CHANNEL));
        profiles.zone(new UserRef(tenant, JOHN_AAD), ZoneOffset.UTC);
        connector.clear();

        send(inChannel("standup new"));

        JsonNode form = card(single(sent()));
        assertThat(form.path("version").asText()).isEqualTo("1.5");
        JsonNode picker = input(form, "participants");
        assertThat(picker.path("style").asText()).isEqualTo("filtered");
        assertThat(picker.has("choices.data")).as("Data.Query is Adaptive Cards 1.6").isFalse();
        assertThat(picker.path("choices").toString()).contains("\"title\":\"John Patterson\",\"value\":\""
                + JOHN_AAD + "\"");
        picker.path("choices").forEach(choice -> assertThat(choice.path("title").asText())
                .as("listed by name, not by id").isNotEqualTo(choice.path("value").asText()));
    }

    @Test
    void aRedeliveredMessageActivityCreatesOneItemAndOneTriagePost() {
        send(inChannel("feedback triage here"));
        connector.clear();
        TeamsFixtures.Activity message = megan("feedback Delivered twice");

        send(message);
        send(message);

        await().until(() -> sent().stream().anyMatch(r -> r.conversationId().equals(TeamsFixtures.CHANNEL)));
        await().during(Duration.ofMillis(500)).until(() -> sent().size() == 2);
        assertThat(feedback.countByTenant(tenant)).isEqualTo(1);
        assertThat(sent()).filteredOn(r -> r.conversationId().equals(TeamsFixtures.CHANNEL)).hasSize(1);
        assertThat(sent()).filteredOn(r -> r.body().toString().contains("Saved as")).hasSize(1);
    }

    @Test
    void aReplyTheConnectorRefusesIsRetriedUntilThePersonSeesIt() {
        String unavailable = "{\"error\":{\"code\":\"ServiceUnavailable\",\"message\":\"Try later\"}}";
        connector.failNext(503, Map.of(), unavailable);
        connector.failNext(503, Map.of(), unavailable);

        send(megan("feedback Saved while the connector was down"));

        assertThat(feedback.countByTenant(tenant)).isEqualTo(1);
        await().until(() -> sent().size() == 1);
        clock.advance(Duration.ofMinutes(1));
        outbox.retryDue();
        assertThat(sent()).hasSize(2);
        assertThat(delivered()).as("both tries refused").isEmpty();
        clock.advance(Duration.ofMinutes(1));
        outbox.retryDue();

        Recorded confirmation = await().until(() -> delivered().stream()
                .filter(r -> r.body().toString().contains("Saved as")).findFirst().orElse(null),
                java.util.Objects::nonNull);
        assertThat(confirmation.conversationId()).isEqualTo(megan("x").conversationId());
        outbox.retryDue();
        assertThat(delivered()).as("once").hasSize(1);
    }

    @Test
    void aRetryTheConnectorAsksForInASecondHappensInASecondNotAtTheNextSweep() {
        send(inChannel("help"));
        connector.clear();
        connector.failNext(503, Map.of("Retry-After", "1"),
                "{\"error\":{\"code\":\"ServiceUnavailable\",\"message\":\"Try later\"}}");
        long start = System.nanoTime();

        outbox.enqueue("wake-up:" + tenantId, new Destination.Channel(tenant, TeamsFixtures.CHANNEL),
                io.opsbot.core.message.Message.text("Retried on time"), null);
        await().until(() -> sent().size() == 1);
        // The outbox logged "next try in PT1S"; time passes (on the application's clock too), nobody sweeps.
        clock.advance(Duration.ofSeconds(2));

        await().atMost(Duration.ofSeconds(5)).until(() -> delivered().size() == 1);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        assertThat(elapsed).as("when Retry-After said, not at the 30 s sweep").isBetween(Duration.ofSeconds(1),
                Duration.ofSeconds(5));
        assertThat(delivered().get(0).body().path("text").asText()).isEqualTo("Retried on time");
    }

    @Test
    void sendsToOneConversationKeepTeamsPublishedPace() {
        send(inChannel("help"));
        connector.clear();
        TeamsChatGateway paced = new TeamsChatGateway(connectors, references, properties, teamsPeople,
                new TeamsPacing(limiter, TeamsLimits.DEFAULTS));
        Destination.Channel channel = new Destination.Channel(tenant, TeamsFixtures.CHANNEL);

        long start = System.nanoTime();
        for (int i = 0; i < 9; i++) {
            paced.send(channel, io.opsbot.core.message.Message.text("paced " + i));
        }

        assertThat(delivered()).hasSize(9);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("a burst of 7, then 2 a second")
                .isGreaterThanOrEqualTo(Duration.ofMillis(900));

        TeamsLimits slow = new TeamsLimits(0.1, 1, TeamsLimits.DEFAULTS.tenantPerSecond(),
                TeamsLimits.DEFAULTS.tenantBurst());
        TeamsChatGateway slowGateway = new TeamsChatGateway(connectors, references, properties, teamsPeople,
                new TeamsPacing(limiter, slow));
        Destination.Channel thread = channel.inThread("1700000000001");
        slowGateway.send(thread, io.opsbot.core.message.Message.text("first in the thread"));
        assertThatThrownBy(() -> slowGateway.send(thread, io.opsbot.core.message.Message.text("second")))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.reason()).isEqualTo(DeliveryException.Reason.RATE_LIMITED);
                    assertThat(e.retryAfter()).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
                });
        assertThat(delivered()).hasSize(10);
    }

    /** Activities the connector took (a refused one has no id). */
    private List<Recorded> delivered() {
        return sent().stream().filter(r -> r.responseId() != null && !r.answer().get().contains("error")).toList();
    }
}
