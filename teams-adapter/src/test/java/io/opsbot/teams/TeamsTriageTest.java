package io.opsbot.teams;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsbot.core.feedback.FeedbackItem;
import io.opsbot.core.feedback.FeedbackRepository;
import io.opsbot.core.feedback.FeedbackSearch;
import io.opsbot.core.feedback.FeedbackStatus;
import io.opsbot.core.feedback.FeedbackTriage;
import io.opsbot.core.feedback.Vote;
import io.opsbot.core.gateway.PostedMessage;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.teams.testing.AdaptiveCards;
import io.opsbot.teams.testing.FakeBotConnector.Recorded;
import io.opsbot.teams.testing.TeamsAdapterTest;
import io.opsbot.teams.testing.TeamsFixtures;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.opsbot.teams.testing.AdaptiveCards.buttons;
import static io.opsbot.teams.testing.AdaptiveCards.card;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Triage, votes, merge, search and export end to end on Teams: real activities in (messages, Action.Execute invokes,
 * messageReaction), the fake Bot Connector out (cards, in-place updates through the outbox), the signed download link
 * served by the bot, MongoDB underneath. Megan (the fixtures' personal-chat user) sets up triage in the fixture channel
 * and so becomes the tenant's first admin; everyone else is a member.
 */
class TeamsTriageTest extends TeamsAdapterTest {

    private static final String CHANNEL = TeamsFixtures.CHANNEL;
    private static final Pattern LINK = Pattern.compile("\\((http[^)\\s]*/files/[^)\\s]+)\\)");

    @Autowired
    FeedbackRepository feedback;
    @Autowired
    FeedbackTriage triage;
    @Autowired
    MutableClock clock;

    @BeforeEach
    void triageInTheChannel() {
        send(fixture("message.channel.mention.json").text("<at>ridotest</at> feedback triage here")
                .from(TeamsFixtures.MEGAN_29, "Megan Bowen", TeamsFixtures.MEGAN_AAD));
        connector.clear();
    }

    private TeamsFixtures.Activity megan(String text) {
        return fixture("message.personal.json").text(text);
    }

    /** A member of the tenant, writing to the bot in their own 1:1 chat. */
    private TeamsFixtures.Activity member(String name, String text) {
        String aad = "00000000-0000-4000-8000-" + String.format("%012d", Math.abs(name.hashCode()));
        return fixture("message.personal.json").from("29:" + name, name, aad).conversationId("a:" + name)
                .text(text);
    }

    private TeamsFixtures.Activity click(String who, String action, String value) {
        String aad = "00000000-0000-4000-8000-" + String.format("%012d", Math.abs(who.hashCode()));
        return fixture("invoke.adaptiveCard_action.personal.json").from("29:" + who, who, aad)
                .actionData(action, Map.of("opsbot", Map.of("action", action, "value", value)));
    }

    private PostedMessage triageCard(FeedbackItem item) {
        return await().until(() -> triage.delivery(item).map(d -> d.getPosted()).orElse(null), Objects::nonNull);
    }

    private FeedbackItem item(long number) {
        return feedback.findByTenantAndNumber(tenant, number).orElseThrow();
    }

    private String lastText(List<Recorded> activities) {
        Recorded last = activities.get(activities.size() - 1);
        return last.body().path("attachments").isEmpty() ? last.body().path("text").asText()
                : card(last).toString();
    }

    @Test
    void votesByButtonReactionAndCommandCountOncePerPersonAndTheCardIsUpdated() {
        send(megan("feedback Kanban swimlanes"));
        FeedbackItem item = item(1);
        PostedMessage post = triageCard(item);
        assertThat(post.conversationId()).isEqualTo(CHANNEL);

        JsonNode counted = json(send(click("Ana", "feedback.vote", item.getId())));
        TeamsFixtures.Activity reaction = fixture("messageReaction.reactionsAdded.json")
                .from("29:Ben", "Ben", "00000000-0000-4000-8000-00000000b0b0").conversationId(CHANNEL)
                .replyToId(post.messageId());
        send(reaction);
        send(reaction.again());
        send(member("Cy", "feedback +1 FB-1 Contoso"));
        send(click("Ana", "feedback.vote", item.getId()));

        assertThat(counted.path("value").asText()).isEqualTo("👍 Counted: you and 1 other person asked for FB-1 "
                + "“Kanban swimlanes”.");
        await().until(() -> feedback.findById(item.getId()).orElseThrow().getVoteCount() == 4);
        FeedbackItem voted = feedback.findById(item.getId()).orElseThrow();
        assertThat(voted.getVotes()).extracting(Vote::source).containsExactly(Vote.Source.REPORTER,
                Vote.Source.BUTTON, Vote.Source.REACTION, Vote.Source.COMMAND);
        assertThat(voted.customers()).containsExactly("Contoso");
        await().atMost(Duration.ofSeconds(10)).until(() -> updated().stream().anyMatch(u ->
                u.path().endsWith("/activities/" + post.messageId()) && card(u).toString().contains("4 people")
                        && card(u).toString().contains("Contoso")));
    }

    @Test
    void aMemberIsRefusedTriageButtonsAndTheAdminMayOwnMoveAndMerge() {
        send(megan("feedback Dark mode"));
        send(member("Dee", "feedback Night theme please"));
        FeedbackItem first = item(1);
        FeedbackItem second = item(2);
        PostedMessage secondCard = triageCard(second);

        JsonNode refused = json(send(click("Dee", "feedback.own", first.getId())));
        JsonNode refusedStatus = json(send(click("Dee", "feedback.status", first.getId() + "#PLANNED")));
        send(member("Dee", "feedback merge FB-2 into FB-1"));

        assertThat(refused.path("value").asText())
                .isEqualTo("⚠️ Only a triager or admin of this organisation can change who owns a feedback item.");
        assertThat(refusedStatus.path("value").asText()).contains("Only a triager or admin");
        assertThat(lastText(sentTo("a:Dee"))).contains("Only a triager or admin of this organisation can merge "
                + "feedback items.");
        assertThat(item(1).getOwner()).isNull();
        assertThat(item(1).getStatus()).isEqualTo(FeedbackStatus.NEW);

        send(megan("feedback owner FB-1 me"));
        send(megan("feedback status FB-1 in-progress"));
        send(megan("feedback area FB-1 #mobile"));
        send(megan("feedback merge FB-2 into FB-1"));

        FeedbackItem target = item(1);
        assertThat(target.getOwnerName()).isEqualTo("Megan Bowen");
        assertThat(target.getStatus()).isEqualTo(FeedbackStatus.IN_PROGRESS);
        assertThat(target.getArea()).isEqualTo("mobile");
        assertThat(target.askers()).extracting(FeedbackItem.Asker::name).containsExactly("Megan Bowen", "Dee");
        assertThat(item(2).getStatus()).isEqualTo(FeedbackStatus.DUPLICATE);
        assertThat(lastText(sentTo(megan("x").conversationId()))).contains("Merged **FB-2** into **FB-1**: 2 votes.");
        await().until(() -> sentTo("a:Dee").stream().anyMatch(r -> r.body().path("text").asText()
                .contains("it is now **Duplicate of FB-1** (by Megan Bowen)")));
        await().atMost(Duration.ofSeconds(10)).until(() -> updated().stream().anyMatch(u ->
                u.path().endsWith("/activities/" + secondCard.messageId())
                        && card(u).toString().contains("Duplicate of")));
    }

    @Test
    void captureSuggestsALikelyDuplicateAndSearchPagesWithShowMore() {
        send(megan("feedback Invoice PDF shows wrong currency #billing"));
        connector.clear();
        // Saved longer ago than a suggestion may lag behind.
        clock.advance(FeedbackSearch.SUGGESTION_LAG);

        send(member("Eve", "feedback Wrong currency on the invoice PDF"));

        String confirmation = card(sentTo("a:Eve").get(0)).toString();
        assertThat(confirmation).contains("Looks like").contains("FB-1").contains("Vote for FB-1 instead");

        for (int i = 1; i <= 11; i++) {
            send(megan("feedback Roadmap page idea " + i + " #reporting"));
        }
        // Each capture's triage card goes out through the outbox after its answer: all are out before the search.
        await().until(() -> sent().stream().filter(r -> r.body().path("summary").asText().startsWith("FB-")
                && r.body().path("summary").asText().contains("Roadmap page idea")).count() == 11);
        connector.clear();
        send(megan("feedback search roadmap #reporting"));

        JsonNode results = card(single(sent()));
        assertThat(AdaptiveCards.texts(results).get(0)).contains("roadmap").contains("11 found, 1–10 of 11");
        JsonNode more = buttons(results).stream().filter(b -> b.path("title").asText().equals("Show more"))
                .findFirst().orElseThrow();
        connector.clear();

        send(fixture("invoke.adaptiveCard_action.personal.json").actionData(more.path("verb").asText(),
                AdaptiveCards.data(more)));

        assertThat(card(single(sent())).toString()).contains("11–11 of 11").contains("Roadmap page idea 1")
                .doesNotContain("Show more");
    }

    @Test
    void exportSendsASignedLinkThatServesTheCsvOnlyWithItsSignatureAndUntilItExpires() throws Exception {
        send(megan("feedback Señal débil en móvil #mobile"));
        send(megan("feedback @everyone <at>Megan</at> look #mobile"));
        send(megan("feedback Billing thing #billing"));
        connector.clear();

        send(megan("feedback export #mobile"));

        // The reply is posted before the request returns; a triage post of the captures above may land after clear().
        assertThat(sent()).extracting(r -> r.body().path("text").asText())
                .anySatisfy(text -> assertThat(text).contains("Exporting #mobile as CSV. The file follows in a moment."));
        Recorded dm = await().until(() -> sent().stream().filter(r -> r.body().toString().contains("/files/"))
                .findFirst().orElse(null), Objects::nonNull);
        assertThat(card(dm).toString()).contains("Your feedback export: 2 items (#mobile)");
        Matcher link = LINK.matcher(card(dm).toString());
        assertThat(link.find()).isTrue();
        String url = link.group(1);
        String path = url.substring(url.indexOf("/files/"));

        MockHttpServletResponse download = mvc.perform(get(path)).andReturn().getResponse();

        assertThat(download.getStatus()).isEqualTo(200);
        assertThat(download.getContentType()).startsWith("text/csv");
        assertThat(download.getHeader("Content-Disposition")).startsWith("attachment; filename=");
        byte[] bytes = download.getContentAsByteArray();
        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        List<CSVRecord> rows;
        try (CSVParser parser = CSVParser.parse(new StringReader(new String(bytes, 3, bytes.length - 3,
                StandardCharsets.UTF_8)), CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            rows = parser.getRecords();
        }
        // Teams hands the text over with the <at> tags read as names; a leading @ would be a formula in Excel.
        assertThat(rows).extracting(r -> r.get("Summary")).containsExactly("'@everyone Megan look",
                "Señal débil en móvil");
        assertThat(rows.get(1).get("ID")).isEqualTo("FB-1");

        String forged = path.replaceAll("sig=[0-9a-f]{2}", "sig=00");
        String otherTenant = path.replaceAll("tenant=[^&]+", "tenant=someone-else");
        assertThat(mvc.perform(get(forged)).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(get(otherTenant)).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(get(path.replaceAll("&sig=.*", ""))).andReturn().getResponse().getStatus())
                .isEqualTo(403);
        clock.advance(Duration.ofHours(2));
        assertThat(mvc.perform(get(path)).andReturn().getResponse().getStatus()).isEqualTo(410);
    }
}
