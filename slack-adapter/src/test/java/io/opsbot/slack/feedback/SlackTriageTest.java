package io.opsbot.slack.feedback;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.opsbot.core.access.AccessPolicy;
import io.opsbot.core.access.Role;
import io.opsbot.core.feedback.FeedbackItem;
import io.opsbot.core.feedback.FeedbackRepository;
import io.opsbot.core.feedback.FeedbackSearch;
import io.opsbot.core.feedback.FeedbackStatus;
import io.opsbot.core.feedback.FeedbackTriage;
import io.opsbot.core.feedback.Vote;
import io.opsbot.core.gateway.PostedMessage;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.slack.testing.BlockKit;
import io.opsbot.slack.testing.ButtonClick;
import io.opsbot.slack.testing.FakeSlackApi;
import io.opsbot.slack.testing.Fixtures;
import io.opsbot.slack.testing.SlackAdapterTest;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Triage, votes, merge, search and export end to end on Slack: signed slash commands, clicks and reaction_added events
 * in; triage cards, their edits (chat.update through the outbox), ephemeral answers and the file upload
 * (files.getUploadURLExternal, the upload, files.completeUploadExternal) out at the fake Web API; items in MongoDB.
 * Every test writes words of its own, since all Slack tests share one workspace.
 */
class SlackTriageTest extends SlackAdapterTest {

    private static final TenantRef TENANT = TenantRef.slack(FakeSlackApi.TEAM_ID);
    private static final String TRIAGE = "CTRIAGEVOTE";
    private static final String TRIAGER = "U0TRIAGER";

    @Autowired
    FeedbackRepository feedback;
    @Autowired
    FeedbackTriage triage;
    @Autowired
    AccessPolicy access;
    @Autowired
    MutableClock clock;

    private String tag;

    @BeforeEach
    void triageChannel() {
        // The admin the other feedback tests use, whichever class runs first in the shared workspace.
        access.grant(new UserRef(TENANT, "U0ADMIN"), Role.ADMIN);
        access.grant(new UserRef(TENANT, TRIAGER), Role.TRIAGER);
        assertThat(ack("triage here", "U0ADMIN").get("text").getAsString())
                .contains("new feedback will be posted here");
        tag = "q" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        SLACK.reset();
    }

    private JsonObject ack(String text, String user) {
        return JsonParser.parseString(slashCommand("/feedback", text, TRIAGE, user, "triage/" + user).body())
                .getAsJsonObject();
    }

    private FeedbackItem item(String summary) {
        return feedback.findAll().stream().filter(i -> i.getTenant().equals(TENANT) && i.getSummary().equals(summary))
                .findFirst().orElseThrow(() -> new AssertionError("no item " + summary));
    }

    private FeedbackItem reload(FeedbackItem item) {
        return feedback.findById(item.getId()).orElseThrow();
    }

    /** Captures the text and waits for its card in the triage channel. */
    private FakeSlackApi.Call captured(String summary, String reporter) {
        ack(summary, reporter);
        return SLACK.awaitCall("chat.postMessage", c -> TRIAGE.equals(c.param("channel"))
                && c.param("text").endsWith(summary));
    }

    private PostedMessage posted(FeedbackItem item) {
        return await().until(() -> triage.delivery(item).map(d -> d.getPosted()).orElse(null),
                java.util.Objects::nonNull);
    }

    /** The last edit of a triage card, once its text contains {@code expected}. */
    private String editOf(PostedMessage card, String expected) {
        return SLACK.awaitCall("chat.update", c -> card.messageId().equals(c.param("ts"))
                && readable(c.param("blocks")).contains(expected)).param("blocks");
    }

    private String editOfReadable(PostedMessage card, String expected) {
        return readable(editOf(card, expected));
    }

    private void react(String user, PostedMessage card, String reaction) {
        JsonObject envelope = inThisWorkspace(Fixtures.json("slack/events/reaction_added.docs.json"));
        envelope.addProperty("event_id", "Ev" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
        JsonObject event = envelope.getAsJsonObject("event");
        event.addProperty("user", user);
        event.addProperty("reaction", reaction);
        event.getAsJsonObject("item").addProperty("channel", card.conversationId());
        event.getAsJsonObject("item").addProperty("ts", card.messageId());
        assertThat(slack.event(envelope, 0).statusCode()).isEqualTo(200);
    }

    private void click(JsonObject button, String user, PostedMessage on, String responseUrl) {
        JsonObject click = ButtonClick.on(button).user(user).channel(on.conversationId()).messageTs(on.messageId())
                .responseUrl(SLACK.responseUrl(responseUrl)).json();
        assertThat(slack.interaction(click).statusCode()).isEqualTo(200);
    }

    @Test
    void votesByButtonReactionAndCommandCountOncePerPersonAndTheCardShowsPeopleAndCustomers() {
        FakeSlackApi.Call card = captured("Gantt view " + tag, "U0REPORTER");
        FeedbackItem item = item("Gantt view " + tag);
        PostedMessage post = posted(item);

        click(BlockKit.button(card, "👍 Me too"), "U0ANA", post, "vote/ana");
        assertThat(SLACK.awaitCall("response_url", c -> c.body().contains("Counted")).json().get("text")
                .getAsString()).isEqualTo("👍 Counted: you and 1 other person asked for " + item.reference()
                + " “Gantt view " + tag + "”.");
        react("U0ANA", post, "+1::skin-tone-2");
        react("U0BEN", post, "thumbsup");
        react("U0CAL", post, "eyes");
        ack("+1 " + item.reference() + " Acme <!channel>", "U0DEE");
        String again = ack("+1 " + item.reference(), "U0DEE").get("text").getAsString();
        click(BlockKit.button(card, "👍 Me too"), "U0ANA", post, "vote/ana-again");

        assertThat(again).startsWith("You already asked for " + item.reference());
        SLACK.awaitCall("response_url", c -> c.body().contains("You already asked"));
        await().until(() -> reload(item).getVoteCount() == 4);
        FeedbackItem voted = reload(item);
        assertThat(voted.getVotes()).extracting(v -> v.voter().userId())
                .containsExactly("U0REPORTER", "U0ANA", "U0BEN", "U0DEE");
        assertThat(voted.getVotes()).extracting(Vote::source).containsExactly(Vote.Source.REPORTER,
                Vote.Source.BUTTON, Vote.Source.REACTION, Vote.Source.COMMAND);
        assertThat(voted.customers()).containsExactly("Acme <!channel>");
        String edited = editOfReadable(post, "4 people");
        assertThat(edited).contains("Acme &lt;!channel&gt;").doesNotContain("<!channel>");
    }

    @Test
    void aMemberCannotOwnOrMergeButATriagerCanAndBothCardsAreRedrawn() {
        FakeSlackApi.Call firstCard = captured("Bulk archive " + tag, "U0REPORTER");
        captured("Archive many at once " + tag, "U0OTHER");
        FeedbackItem first = item("Bulk archive " + tag);
        FeedbackItem second = item("Archive many at once " + tag);
        PostedMessage firstPost = posted(first);
        PostedMessage secondPost = posted(second);

        click(BlockKit.button(firstCard, "Own it"), "U0MEMBER", firstPost, "own/member");
        String refusedMerge = ack("merge " + second.reference() + " into " + first.reference(), "U0MEMBER")
                .get("text").getAsString();

        assertThat(SLACK.awaitCall("response_url", c -> c.body().contains("Only a triager")).json().get("text")
                .getAsString()).isEqualTo("⚠️ Only a triager or admin of this workspace can change who owns a "
                + "feedback item.");
        assertThat(refusedMerge).isEqualTo("⚠️ Only a triager or admin of this workspace can merge feedback items.");
        assertThat(reload(first).getOwner()).isNull();
        assertThat(reload(second).getStatus()).isEqualTo(FeedbackStatus.NEW);

        click(BlockKit.button(firstCard, "Own it"), TRIAGER, firstPost, "own/triager");
        String merged = ack("merge " + second.reference() + " into " + first.reference(), TRIAGER).get("text")
                .getAsString();

        assertThat(merged).isEqualTo("🔁 Merged " + second.reference() + " into " + first.reference()
                + ": 2 votes.");
        assertThat(reload(first).getOwner()).isEqualTo(new UserRef(TENANT, TRIAGER));
        FeedbackItem duplicate = reload(second);
        assertThat(duplicate.getStatus()).isEqualTo(FeedbackStatus.DUPLICATE);
        assertThat(duplicate.duplicateOf()).isEqualTo(first.reference());
        assertThat(reload(first).askers()).extracting(a -> a.user().userId())
                .containsExactly("U0REPORTER", "U0OTHER");
        assertThat(editOfReadable(firstPost, "2 people")).contains("<@" + TRIAGER + ">").contains("Merged here: "
                + second.reference());
        assertThat(editOfReadable(secondPost, "Duplicate of")).contains(first.reference().toString());
        SLACK.awaitCall("chat.postMessage", c -> "U0OTHER".equals(c.param("channel"))
                && c.param("text").contains("Duplicate of " + first.reference()));

        String refusedStatus = ack("status " + first.reference() + " in-progress", "U0MEMBER").get("text")
                .getAsString();
        assertThat(refusedStatus).startsWith("⚠️ Only a triager or admin");
        assertThat(ack("status " + first.reference() + " in progress", TRIAGER).get("text").getAsString())
                .isEqualTo(first.reference() + " is now In progress.");
    }

    @Test
    void aLikelyDuplicateIsSuggestedAtCaptureAndItsButtonVotesInstead() {
        captured("Calendar sync " + tag + " drops recurring meetings", "U0FIRST");
        FeedbackItem original = item("Calendar sync " + tag + " drops recurring meetings");
        // Saved longer ago than a suggestion may lag behind.
        clock.advance(FeedbackSearch.SUGGESTION_LAG);

        JsonObject confirmation = ack("Recurring meetings dropped by calendar sync " + tag + " #integrations",
                "U0SECOND");

        FeedbackItem repeat = item("Recurring meetings dropped by calendar sync " + tag);
        JsonArray blocks = confirmation.getAsJsonArray("blocks");
        assertThat(blocks.toString()).contains("Looks like *" + original.reference() + "* “Calendar sync " + tag
                + " drops recurring meetings” (1 vote): add your vote instead?");
        assertThat(repeat.getDuplicateHint().itemId()).isEqualTo(original.getId());
        FakeSlackApi.Call repeatCard = SLACK.awaitCall("chat.postMessage", c -> TRIAGE.equals(c.param("channel"))
                && c.param("text").contains(repeat.reference().toString()));
        BlockKit.button(repeatCard, "Merge into " + original.reference());

        JsonObject click = ButtonClick.on(BlockKit.button(blocks, "Vote for " + original.reference() + " instead"))
                .user("U0SECOND").channel(TRIAGE).responseUrl(SLACK.responseUrl("instead/second")).json();
        assertThat(slack.interaction(click).statusCode()).isEqualTo(200);

        assertThat(SLACK.awaitCall("response_url", c -> c.body().contains("Done")).json().get("text")
                .getAsString()).isEqualTo("👍 Done: your vote now counts for " + original.reference()
                + " (2 votes), and " + repeat.reference() + " is closed as its duplicate.");
        assertThat(reload(repeat).getStatus()).isEqualTo(FeedbackStatus.DUPLICATE);
        assertThat(reload(original).askers()).extracting(a -> a.user().userId()).containsExactly("U0FIRST",
                "U0SECOND");
    }

    @Test
    void searchFiltersAndPagesWithShowMore() {
        for (int i = 1; i <= 12; i++) {
            ack("Offline mode " + tag + " idea " + i + " #mobile", "U0PAGER");
        }
        ack("bug: Offline mode " + tag + " crashes #mobile", "U0PAGER");
        ack("Offline mode " + tag + " elsewhere #billing", "U0PAGER");
        FeedbackItem bug = item("Offline mode " + tag + " crashes");
        ack("status " + bug.reference() + " planned", TRIAGER);

        JsonObject first = ack("search offline " + tag + " #mobile", "U0SEARCHER");
        JsonObject planned = ack("search " + tag + " status:planned type:bug", "U0SEARCHER");

        String firstPage = first.get("blocks").toString();
        assertThat(first.get("text").getAsString()).isEqualTo("Search: “offline " + tag + "” · #mobile — 13 found, "
                + "1–10 of 13");
        assertThat(firstPage).doesNotContain("elsewhere");
        assertThat(planned.get("text").getAsString()).endsWith("— 1 found");
        assertThat(planned.get("blocks").toString()).contains(bug.reference() + "*");

        click(BlockKit.button(first.getAsJsonArray("blocks"), "Show more"), "U0SEARCHER",
                new PostedMessage(new io.opsbot.core.gateway.Destination.Channel(TENANT, TRIAGE), TRIAGE, "1.2"),
                "more/searcher");
        JsonObject more = SLACK.awaitCall("response_url", c -> c.body().contains("11–13 of 13")).json();
        assertThat(more.get("response_type").getAsString()).isEqualTo("ephemeral");
        assertThat(more.get("blocks").toString()).doesNotContain("Show more");
        assertThat(ack("search " + tag + " status:sometime", "U0SEARCHER").get("text").getAsString())
                .startsWith("⚠️ “sometime” is not a status.");
    }

    @Test
    void listShowsTenAtATimeWithShowMoreAndMeTooOnTheConfirmationCounts() {
        for (int i = 1; i <= 11; i++) {
            ack("Listed " + tag + " " + i, "U0LISTER");
        }
        FeedbackItem oldest = item("Listed " + tag + " 1");
        JsonObject confirmation = ack("Listed " + tag + " last", "U0LISTER");

        JsonObject list = ack("list", "U0LISTER");

        String everyone = list.getAsJsonArray("blocks").get(2).getAsJsonObject().getAsJsonObject("text")
                .get("text").getAsString();
        assertThat(everyone).startsWith("*Everyone's here*\n🆕 *" + item("Listed " + tag + " last").reference())
                .doesNotContain("Listed " + tag + " 1 ");
        click(BlockKit.button(list.getAsJsonArray("blocks"), "Show more"), "U0LISTER",
                new PostedMessage(new io.opsbot.core.gateway.Destination.Channel(TENANT, TRIAGE), TRIAGE, "1.3"),
                "list/more");
        JsonObject more = SLACK.awaitCall("response_url", c -> c.body().contains("Everyone")).json();
        assertThat(readable(more.get("blocks").toString())).contains("Everyone's here, 11–20 of")
                .contains(oldest.reference() + "*");

        click(BlockKit.button(confirmation.getAsJsonArray("blocks"), "👍 Me too"), "U0LISTER",
                new PostedMessage(new io.opsbot.core.gateway.Destination.Channel(TENANT, TRIAGE), TRIAGE, "1.4"),
                "confirmation/reporter");
        click(BlockKit.button(confirmation.getAsJsonArray("blocks"), "👍 Me too"), "U0NEIGHBOUR",
                new PostedMessage(new io.opsbot.core.gateway.Destination.Channel(TENANT, TRIAGE), TRIAGE, "1.4"),
                "confirmation/neighbour");
        assertThat(SLACK.awaitCall("response_url", c -> c.body().contains("You already asked")).json()
                .get("response_type").getAsString()).isEqualTo("ephemeral");
        SLACK.awaitCall("response_url", c -> c.body().contains("Counted: you and 1 other person"));
        assertThat(item("Listed " + tag + " last").getVoteCount()).isEqualTo(2);
    }

    @Test
    void exportUploadsAUtf8CsvWithBomIntoThePersonsDmThatACsvParserReads() throws IOException {
        ack("Éxport naïve " + tag + " #reporting", "U0CSV");
        ack("=HYPERLINK(\"http://evil.example\") " + tag + ", \"quoted\" #reporting", "U0CSV");
        ack("Elsewhere " + tag + " #billing", "U0CSV");
        FeedbackItem naive = item("Éxport naïve " + tag);
        ack("+1 " + naive.reference() + " Globex", "U0FAN");

        JsonObject started = ack("export #reporting customer:Globex", "U0EXPORTER");

        assertThat(started.get("text").getAsString()).isEqualTo("📄 Exporting #reporting · customer Globex as CSV. "
                + "The file will arrive in our direct messages.");
        FakeSlackApi.Call complete = SLACK.awaitCall("files.completeUploadExternal", c -> true);
        assertThat(complete.param("channel_id")).isEqualTo("DU0EXPORTER");
        assertThat(complete.param("initial_comment")).contains("Your feedback export: 1 item");
        String fileId = JsonParser.parseString(complete.param("files")).getAsJsonArray().get(0).getAsJsonObject()
                .get("id").getAsString();
        FakeSlackApi.Call asked = SLACK.calls("files.getUploadURLExternal").get(0);
        byte[] bytes = SLACK.uploaded(fileId);
        assertThat(asked.param("length")).isEqualTo(String.valueOf(bytes.length));
        assertThat(asked.param("filename")).matches("feedback-\\d{4}-\\d{2}-\\d{2}-\\d{4}\\.csv");
        List<CSVRecord> rows = parse(bytes);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("ID")).isEqualTo(naive.reference().toString());
        assertThat(rows.get(0).get("Summary")).isEqualTo("Éxport naïve " + tag);
        assertThat(rows.get(0).get("Customers")).isEqualTo("Globex");
        assertThat(rows.get(0).get("Votes")).isEqualTo("2");

        SLACK.reset();
        ack("export #reporting", "U0EXPORTER");
        FakeSlackApi.Call all = SLACK.awaitCall("files.completeUploadExternal", c -> true);
        List<CSVRecord> reporting = parse(SLACK.uploaded(JsonParser.parseString(all.param("files")).getAsJsonArray()
                .get(0).getAsJsonObject().get("id").getAsString()));
        assertThat(reporting).extracting(r -> r.get("Summary")).contains("Éxport naïve " + tag,
                "'=HYPERLINK(\"http://evil.example\") " + tag + ", \"quoted\"");
        assertThat(reporting).noneMatch(r -> r.get("Summary").startsWith("Elsewhere"));
    }

    @Test
    void exportOfNothingSaysSoAndUploadsNothing() {
        ack("export customer:Nobody-" + tag, "U0EXPORTER");

        FakeSlackApi.Call told = SLACK.awaitCall("chat.postMessage", c -> "U0EXPORTER".equals(c.param("channel")));
        assertThat(told.param("text")).isEqualTo("📄 Nothing matches customer Nobody-" + tag
                + ", so there is nothing to export.");
        assertThat(SLACK.calls("files.getUploadURLExternal")).isEmpty();
    }

    @Test
    void textThatStartsLikeASubcommandButDoesNotFitItIsFeedback() {
        ack("Export to CSV times out " + tag + " #reporting", "U0WRITER");
        ack("Merge requests " + tag + " need a review column", "U0WRITER");

        assertThat(item("Export to CSV times out " + tag).getArea()).isEqualTo("reporting");
        assertThat(item("Merge requests " + tag + " need a review column").getStatus()).isEqualTo(FeedbackStatus.NEW);
    }

    /** Block Kit JSON as text without Gson's escapes of {@code < > &}, as Slack reads it. */
    static String readable(String json) {
        return new com.google.gson.GsonBuilder().disableHtmlEscaping().create().toJson(JsonParser.parseString(json));
    }

    /** Reads the bytes as Excel would: UTF-8 after the byte order mark, RFC 4180 with a header row. */
    static List<CSVRecord> parse(byte[] bytes) throws IOException {
        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        assertThat(text).contains("\r\n");
        try (CSVParser parser = CSVParser.parse(new StringReader(text), CSVFormat.RFC4180.builder()
                .setHeader().setSkipHeaderRecord(true).get())) {
            return parser.getRecords();
        }
    }
}
