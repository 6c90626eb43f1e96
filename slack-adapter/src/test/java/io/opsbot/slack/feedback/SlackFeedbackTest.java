package io.opsbot.slack.feedback;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.opsbot.core.access.AccessPolicy;
import io.opsbot.core.access.Role;
import io.opsbot.core.delivery.Delivery;
import io.opsbot.core.delivery.Outbox;
import io.opsbot.core.feedback.FeedbackItem;
import io.opsbot.core.feedback.FeedbackRepository;
import io.opsbot.core.feedback.FeedbackSource;
import io.opsbot.core.feedback.FeedbackStatus;
import io.opsbot.core.feedback.FeedbackType;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.slack.testing.BlockKit;
import io.opsbot.slack.testing.ButtonClick;
import io.opsbot.slack.testing.FakeSlackApi;
import io.opsbot.slack.testing.Fixtures;
import io.opsbot.slack.testing.SignedSlackRequests;
import io.opsbot.slack.testing.SlackAdapterTest;
import io.opsbot.slack.testing.ViewSubmission;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * /feedback end to end: signed Slack requests in, fake Web API calls out, items in MongoDB. All requests come from the
 * workspace the fake auth.test reports (a single-workspace install), so tests find their items by their own text.
 */
class SlackFeedbackTest extends SlackAdapterTest {

    private static final AtomicInteger RUN = new AtomicInteger();

    @Autowired
    FeedbackRepository feedback;
    @Autowired
    AccessPolicy access;
    @Autowired
    io.opsbot.core.feedback.FeedbackTriage triage;
    @Autowired
    Outbox outbox;
    @Autowired
    io.opsbot.core.testing.MutableClock clock;

    private final String teamId = FakeSlackApi.TEAM_ID;
    private final TenantRef tenant = TenantRef.slack(FakeSlackApi.TEAM_ID);
    private String tag;

    @BeforeEach
    void uniqueText() {
        tag = "run" + RUN.incrementAndGet();
    }

    private FeedbackItem item(String summary) {
        // By its text: other test classes share the database and move the clock, so "most recent" proves nothing.
        return feedback.findAll().stream()
                .filter(i -> i.getTenant().equals(tenant) && i.getSummary().equals(summary)).findFirst()
                .orElseThrow(() -> new AssertionError("no item " + summary));
    }

    private HttpResponse<String> command(String text, String channel, String user) {
        return slashCommand("/feedback", text, channel, user, "commands/" + teamId);
    }

    private static java.util.List<FakeSlackApi.Call> postsOf(String text) {
        return SLACK.calls("chat.postMessage").stream()
                .filter(c -> c.param("text") != null && c.param("text").contains(text)).toList();
    }

    private void triageIn(String channel) {
        HttpResponse<String> response = command("triage here", channel, "U0ADMIN");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("new feedback will be posted here");
        SLACK.reset();
    }

    @Test
    void slashCommandWithTextCapturesAtOnceAndPostsACardToTriage() {
        triageIn("CTRIAGE01");

        HttpResponse<String> response = command("bug: Export to CSV times out " + tag + " #reporting !high",
                "C2147483705", "U2147483697");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject ack = JsonParser.parseString(response.body()).getAsJsonObject();
        assertThat(ack.get("response_type").getAsString()).isEqualTo("ephemeral");
        FeedbackItem item = item("Export to CSV times out " + tag);
        assertThat(ack.get("text").getAsString()).isEqualTo("✅ Saved as " + item.reference() + ": Export to CSV "
                + "times out " + tag + " (Bug, #reporting, impact 4/5)\nThe product team will see it in the triage "
                + "channel. I'll tell you when its status changes.");
        assertThat(item.getType()).isEqualTo(FeedbackType.BUG);
        assertThat(item.getArea()).isEqualTo("reporting");
        assertThat(item.getImpact()).isEqualTo(4);
        assertThat(item.getReporter().userId()).isEqualTo("U2147483697");
        assertThat(item.getReporterName()).isEqualTo("Steve");

        FakeSlackApi.Call post = SLACK.awaitCall("chat.postMessage", c -> "CTRIAGE01".equals(c.param("channel")));
        assertThat(post.headers().get("authorization")).isEqualTo("Bearer xoxb-test-token");
        assertThat(post.param("text")).isEqualTo(item.reference() + ": Export to CSV times out " + tag);
        JsonArray blocks = post.jsonParam("blocks").getAsJsonArray();
        assertThat(blocks.get(0).getAsJsonObject().get("type").getAsString()).isEqualTo("header");
        assertThat(blocks.get(0).getAsJsonObject().getAsJsonObject("text").get("text").getAsString())
                .isEqualTo("🆕 " + item.reference() + " · Bug");
        assertThat(blocks.toString()).contains("<@U2147483697>").contains("feedback.vote#0")
                .contains("feedback.status#2")
                .as("no dashboard address configured, no link").doesNotContain("Open in dashboard");
        await().until(() -> triage.delivery(item).orElseThrow().getState() == Delivery.State.SENT);
    }

    @Test
    void userTextCannotPingTheChannelOrFormatTheCard() {
        triageIn("CTRIAGE02");

        command("Customer says <!channel> is spammy & <https://evil.example|click>", "C1", "U1");

        FakeSlackApi.Call post = SLACK.awaitCall("chat.postMessage", c -> "CTRIAGE02".equals(c.param("channel")));
        String section = post.jsonParam("blocks").getAsJsonArray().get(1).getAsJsonObject()
                .getAsJsonObject("text").get("text").getAsString();
        assertThat(section).isEqualTo("*Customer says &lt;!channel&gt; is spammy &amp; "
                + "&lt;https://evil.example|click&gt;*");
    }

    @Test
    void aTypoInTheAreaKeepsTheCaptureWithoutAnAreaAndSaysSo() {
        triageIn("CTRIAGE07");

        HttpResponse<String> response = command("Login page is slow " + tag + " #auth", "C1", "U1");

        assertThat(response.statusCode()).isEqualTo(200);
        FeedbackItem item = item("Login page is slow " + tag);
        assertThat(item.getArea()).isNull();
        JsonObject ack = JsonParser.parseString(response.body()).getAsJsonObject();
        assertThat(ack.get("text").getAsString()).contains("Saved as " + item.reference())
                .contains("#auth is not a product area here, so I saved it without one");
        assertThat(ack.get("blocks").toString()).contains("#reporting");
        SLACK.awaitCall("chat.postMessage", c -> "CTRIAGE07".equals(c.param("channel")));
    }

    @Test
    void bareSlashCommandOpensTheFeedbackModal() {
        HttpResponse<String> response = command("", "C2147483705", "U2147483697");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        FakeSlackApi.Call open = SLACK.awaitCall("views.open", c -> true);
        assertThat(open.param("trigger_id")).matches("\\d+\\.123\\.abc");
        JsonObject view = open.jsonParam("view").getAsJsonObject();
        assertThat(view.get("type").getAsString()).isEqualTo("modal");
        assertThat(view.get("callback_id").getAsString()).isEqualTo("feedback.new");
        JsonArray blocks = view.getAsJsonArray("blocks");
        assertThat(blocks).hasSize(7);
        JsonObject summary = blocks.get(0).getAsJsonObject();
        assertThat(summary.get("block_id").getAsString()).isEqualTo("summary");
        assertThat(summary.get("optional").getAsBoolean()).isFalse();
        assertThat(summary.getAsJsonObject("element").get("max_length").getAsInt()).isEqualTo(150);
        assertThat(blocks.get(5).getAsJsonObject().getAsJsonObject("element").get("type").getAsString())
                .isEqualTo("number_input");
        assertThat(view.get("private_metadata").getAsString()).contains("c=C2147483705");
    }

    @Test
    void modalSubmissionStoresTheItemPostsToTriageAndConfirms() {
        triageIn("CTRIAGE03");
        String metadata = "s=&c=C2147483705&r=" + java.net.URLEncoder.encode(SLACK.responseUrl("modal/" + teamId),
                java.nio.charset.StandardCharsets.UTF_8);

        HttpResponse<String> response = slack.interaction(ViewSubmission.of("feedback.new").privateMetadata(metadata)
                .plainTextInput("summary", "SSO with Okta " + tag).plainTextInput("details", "400 seats blocked on it")
                .staticSelect("type", "FEATURE_REQUEST").staticSelect("area", "integrations")
                .plainTextInput("customer", "Acme Corp").numberInput("impact", "5")
                .plainTextInput("link", "https://crm.example.com/acme").json());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("errors");
        FeedbackItem item = item("SSO with Okta " + tag);
        assertThat(item.getSource()).isEqualTo(FeedbackSource.FORM);
        assertThat(item.getCustomer()).isEqualTo("Acme Corp");
        assertThat(item.getImpact()).isEqualTo(5);
        assertThat(item.getReporter().userId()).isEqualTo("U12345678");
        SLACK.awaitCall("chat.postMessage", c -> "CTRIAGE03".equals(c.param("channel")));
        FakeSlackApi.Call confirmation = SLACK.awaitCall("response_url",
                c -> c.body().contains(item.reference().toString()));
        assertThat(confirmation.json().get("response_type").getAsString()).isEqualTo("ephemeral");
    }

    @Test
    void invalidModalSubmissionShowsErrorsUnderTheInputsAndStoresNothing() {
        long before = feedback.countByTenant(tenant);
        HttpResponse<String> response = slack.interaction(ViewSubmission.of("feedback.new").privateMetadata("c=C1")
                .plainTextInput("summary", "  ").numberInput("impact", "9").plainTextInput("link", "ftp://nope")
                .json());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject ack = JsonParser.parseString(response.body()).getAsJsonObject();
        assertThat(ack.get("response_action").getAsString()).isEqualTo("errors");
        assertThat(ack.getAsJsonObject("errors").keySet()).containsExactlyInAnyOrder("summary", "impact");
        assertThat(feedback.countByTenant(tenant)).isEqualTo(before);
    }

    @Test
    void forgedSignatureIsRefusedAndNothingIsStored() {
        long before = feedback.countByTenant(tenant);
        String body = SignedSlackRequests.withFields(Fixtures.text("slack/slash_command.form"),
                Map.of("team_id", teamId, "command", "/feedback", "text", "forged item"));
        String wrongSecret = SignedSlackRequests.sign("not-the-secret", slack.now(), body);

        HttpResponse<String> response = slack.post(body, "application/x-www-form-urlencoded",
                slack.now(), wrongSecret, Map.of());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(feedback.countByTenant(tenant)).isEqualTo(before);
        assertThat(SLACK.calls()).noneMatch(c -> c.method().startsWith("chat."));
    }

    @Test
    void staleTimestampIsRefusedEvenWhenCorrectlySigned() {
        long before = feedback.countByTenant(tenant);
        String body = SignedSlackRequests.withFields(Fixtures.text("slack/slash_command.form"),
                Map.of("team_id", teamId, "command", "/feedback", "text", "replayed item"));

        HttpResponse<String> response = slack.post(body, "application/x-www-form-urlencoded",
                slack.now() - 6 * 60, null, Map.of());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(feedback.countByTenant(tenant)).isEqualTo(before);
    }

    @Test
    void tooLongTextIsKeptWholeAndTheCardStaysWithinSlackLimits() {
        triageIn("CTRIAGE04");
        String text = "Customer call notes " + tag + ": " + "the export dialog hangs after choosing CSV; ".repeat(120);

        command(text, "C1", "U1");

        FeedbackItem item = item("Customer call notes " + tag + ": the export dialog hangs after choosing CSV; the "
                + "export dialog hangs after choosing CSV; the export dialog hangs after…");
        assertThat(item.getDetails()).isEqualTo(text.strip());
        FakeSlackApi.Call post = SLACK.awaitCall("chat.postMessage", c -> "CTRIAGE04".equals(c.param("channel")));
        for (JsonElement block : post.jsonParam("blocks").getAsJsonArray()) {
            JsonObject b = block.getAsJsonObject();
            if (b.has("text") && b.get("text").isJsonObject()) {
                assertThat(b.getAsJsonObject("text").get("text").getAsString().length()).isLessThanOrEqualTo(3000);
            }
        }
        assertThat(post.param("blocks")).contains("…");
    }

    @Test
    void statusButtonUpdatesTheCardAndTellsTheReporter() {
        triageIn("CTRIAGE05");
        access.grant(new UserRef(TenantRef.slack(teamId), "U0PM"), Role.TRIAGER);
        command("Bulk edit for tags " + tag, "C1", "U0REPORTER");
        FakeSlackApi.Call card = SLACK.awaitCall("chat.postMessage", c -> "CTRIAGE05".equals(c.param("channel")));
        FeedbackItem item = item("Bulk edit for tags " + tag);
        JsonObject click = ButtonClick.on(BlockKit.button(card, "Planned")).user("U0PM").channel("CTRIAGE05")
                .messageTs("1.1").responseUrl(SLACK.responseUrl("actions/" + teamId)).json();
        SLACK.reset();

        HttpResponse<String> response = slack.interaction(click);

        assertThat(response.statusCode()).isEqualTo(200);
        FakeSlackApi.Call update = SLACK.awaitCall("chat.update", c -> true);
        assertThat(update.param("channel")).isEqualTo("CTRIAGE05");
        assertThat(update.param("ts")).isEqualTo("1.1");
        assertThat(update.param("blocks")).contains("🗓️ " + item.reference());
        assertThat(feedback.findById(item.getId()).orElseThrow().getStatus()).isEqualTo(FeedbackStatus.PLANNED);
        FakeSlackApi.Call dm = SLACK.awaitCall("chat.postMessage", c -> "U0REPORTER".equals(c.param("channel")));
        assertThat(dm.param("text")).contains(item.reference().toString()).contains("Planned");
    }

    @Test
    void saveAsFeedbackShortcutOpensTheFormFilledFromTheMessage() {
        JsonObject shortcut = Fixtures.json("slack/message_action.docs-example.json");
        shortcut.addProperty("callback_id", "save_as_feedback");
        shortcut.getAsJsonObject("team").addProperty("id", teamId);
        shortcut.getAsJsonObject("message").addProperty("text", "Customer: the mobile app logs me out hourly");

        HttpResponse<String> response = slack.interaction(shortcut);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject view = SLACK.awaitCall("views.open", c -> true).jsonParam("view").getAsJsonObject();
        JsonObject summary = view.getAsJsonArray("blocks").get(0).getAsJsonObject().getAsJsonObject("element");
        assertThat(summary.get("initial_value").getAsString())
                .isEqualTo("Customer: the mobile app logs me out hourly");
        assertThat(view.get("private_metadata").getAsString()).contains("source%3DMESSAGE");
        JsonObject link = view.getAsJsonArray("blocks").get(6).getAsJsonObject().getAsJsonObject("element");
        assertThat(link.get("initial_value").getAsString()).startsWith("https://").contains("/archives/");
    }

    @Test
    void aRateLimitedTriagePostWaitsForRetryAfterThenGoesOut() {
        triageIn("CTRIAGE06");
        // Only this item's post: items of earlier tests that waited for a triage channel go out here too.
        SLACK.rateLimitNextWhen("chat.postMessage", p -> p.getOrDefault("text", "").contains(tag), 7);

        command("Webhooks retry too fast " + tag, "C1", "U1");

        FeedbackItem item = item("Webhooks retry too fast " + tag);
        Delivery waiting = await().until(() -> triage.delivery(item).orElseThrow(),
                d -> d.getAttempts() == 1 && d.getLeaseUntil() == null);
        assertThat(waiting.getState()).isEqualTo(Delivery.State.PENDING);
        assertThat(waiting.getLastError()).isEqualTo("chat.postMessage: HTTP 429");
        assertThat(waiting.getNextAttemptAt()).isEqualTo(clock.instant().plusSeconds(7));

        outbox.retryDue();
        assertThat(postsOf(tag)).hasSize(1);
        clock.advance(java.time.Duration.ofSeconds(7));
        outbox.retryDue();

        assertThat(postsOf(tag)).hasSize(2);
        assertThat(postsOf(tag).get(1).param("channel")).isEqualTo("CTRIAGE06");
        assertThat(triage.delivery(item).orElseThrow().getState()).isEqualTo(Delivery.State.SENT);
    }

    @Test
    void listShowsRecentItems() {
        command("First thing " + tag, "C1", "U1");
        command("Second thing " + tag, "C1", "U2");

        HttpResponse<String> response = command("list", "C1", "U1");

        String text = JsonParser.parseString(response.body()).getAsJsonObject().get("blocks").toString();
        assertThat(text).contains(item("First thing " + tag).reference() + "* First thing " + tag)
                .contains(item("Second thing " + tag).reference() + "* Second thing " + tag);
    }
}
