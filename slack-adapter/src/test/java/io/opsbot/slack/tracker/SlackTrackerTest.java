package io.opsbot.slack.tracker;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.opsbot.core.access.AccessPolicy;
import io.opsbot.core.access.Role;
import io.opsbot.core.feedback.FeedbackItem;
import io.opsbot.core.feedback.FeedbackRepository;
import io.opsbot.core.feedback.FeedbackStatus;
import io.opsbot.core.feedback.FeedbackTriage;
import io.opsbot.core.feedback.TrackerConnection;
import io.opsbot.core.feedback.TrackerConnections;
import io.opsbot.core.feedback.TrackerJob;
import io.opsbot.core.feedback.TrackerKind;
import io.opsbot.core.feedback.TrackerLinks;
import io.opsbot.core.gateway.PostedMessage;
import io.opsbot.core.testing.FakeTrackers;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.core.testing.TrackerWebhookRequests;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.slack.testing.BlockKit;
import io.opsbot.slack.testing.ButtonClick;
import io.opsbot.slack.testing.FakeSlackApi;
import io.opsbot.slack.testing.SlackAdapterTest;
import io.opsbot.slack.testing.ViewSubmission;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Jira and Trello both ways on Slack: an admin connects them with a modal (a bad token refused with Jira's own
 * words), a triager creates an issue or card from the triage card (choices read from the fake site), the signed
 * webhook moves the item and everyone who asked is told once, a forged webhook changes nothing, a 429 is waited out,
 * and the product manager gets "Announce this launch", which opens the training announcement prefilled.
 */
class SlackTrackerTest extends SlackAdapterTest {

    private static final TenantRef TENANT = TenantRef.slack(FakeSlackApi.TEAM_ID);
    private static final String TRIAGE = "CTRIAGEJIRA";
    private static final String ADMIN = "U0ADMIN";
    private static final String TRIAGER = "U0PM";

    @Autowired
    FeedbackRepository feedback;
    @Autowired
    FeedbackTriage triage;
    @Autowired
    AccessPolicy access;
    @Autowired
    TrackerConnections connections;
    @Autowired
    TrackerLinks links;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    MutableClock clock;

    private String tag;
    private TrackerWebhookRequests webhooks;
    private final java.util.Set<FakeSlackApi.Call> usedModals = java.util.Collections.newSetFromMap(
            new java.util.IdentityHashMap<>());

    @BeforeEach
    void setUp() {
        access.grant(new UserRef(TENANT, ADMIN), Role.ADMIN);
        access.grant(new UserRef(TENANT, TRIAGER), Role.TRIAGER);
        command("triage here", ADMIN);
        tag = "j" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        TRACKERS.reset();
        SLACK.reset();
        webhooks = new TrackerWebhookRequests("http://127.0.0.1:" + port);
    }

    private JsonObject command(String text, String user) {
        fresh();
        String body = slashCommand("/feedback", text, TRIAGE, user, "tracker/" + user).body();
        return body.isEmpty() ? new JsonObject() : JsonParser.parseString(body).getAsJsonObject();
    }

    /** The modal Slack was last asked to open with this callback id, not one a step before already used. */
    private JsonObject modal(String callbackId) {
        FakeSlackApi.Call opened = SLACK.awaitCall("views.open", c -> !usedModals.contains(c) && c.jsonParam("view")
                .getAsJsonObject().get("callback_id").getAsString().equals(callbackId));
        usedModals.add(opened);
        return opened.jsonParam("view").getAsJsonObject();
    }

    /** Each request signed a second later: the same request twice in one second is refused as a replay. */
    private void fresh() {
        clock.advance(Duration.ofSeconds(1));
    }

    private HttpResponse<String> submit(ViewSubmission submission, JsonObject modal) {
        fresh();
        return slack.interaction(submission.privateMetadata(modal.get("private_metadata").getAsString()).json());
    }

    private TrackerConnection connectJira() {
        java.util.Optional<String> before = connections.find(TENANT, TrackerKind.JIRA).map(TrackerConnection::getId);
        command("connect jira", ADMIN);
        JsonObject form = modal("feedback.connect-jira");
        HttpResponse<String> refused = submit(ViewSubmission.of("feedback.connect-jira").user(ADMIN)
                .plainTextInput("site", TRACKERS.jiraSite()).plainTextInput("email", FakeTrackers.JIRA_EMAIL)
                .plainTextInput("token", "revoked-token"), form);
        assertThat(refused.body()).contains("Jira said: Client must be authenticated to access this resource.");
        assertThat(connections.find(TENANT, TrackerKind.JIRA).map(TrackerConnection::getId)).isEqualTo(before);
        command("connect jira", ADMIN);
        form = modal("feedback.connect-jira");
        HttpResponse<String> accepted = submit(ViewSubmission.of("feedback.connect-jira").user(ADMIN)
                .plainTextInput("site", TRACKERS.jiraSite()).plainTextInput("email", FakeTrackers.JIRA_EMAIL)
                .plainTextInput("token", FakeTrackers.JIRA_TOKEN), form);
        assertThat(accepted.body()).doesNotContain("errors");
        return connections.find(TENANT, TrackerKind.JIRA).orElseThrow();
    }

    private TrackerConnection connectTrello() {
        command("connect trello", ADMIN);
        submit(ViewSubmission.of("feedback.connect-trello").user(ADMIN).plainTextInput("key", FakeTrackers.TRELLO_KEY)
                .plainTextInput("secret", "app-secret").plainTextInput("token", FakeTrackers.TRELLO_TOKEN),
                modal("feedback.connect-trello"));
        return connections.find(TENANT, TrackerKind.TRELLO).orElseThrow();
    }

    private FeedbackItem captured(String summary, String reporter) {
        command(summary, reporter);
        SLACK.awaitCall("chat.postMessage", c -> TRIAGE.equals(c.param("channel"))
                && c.param("text").endsWith(summary));
        return feedback.findAll().stream().filter(i -> i.getSummary().equals(summary)).findFirst().orElseThrow();
    }

    private PostedMessage posted(FeedbackItem item) {
        return await().until(() -> triage.delivery(item).map(d -> d.getPosted()).orElse(null), Objects::nonNull);
    }

    private FakeSlackApi.Call card(FeedbackItem item) {
        return SLACK.calls("chat.postMessage").stream().filter(c -> TRIAGE.equals(c.param("channel"))
                && c.param("text").startsWith(item.reference() + ":")).findFirst().orElseThrow();
    }

    private void click(FakeSlackApi.Call card, String label, String user, PostedMessage on) {
        fresh();
        slack.interaction(ButtonClick.on(BlockKit.button(card, label)).user(user).channel(on.conversationId())
                .messageTs(on.messageId()).responseUrl(SLACK.responseUrl("click/" + user + "/" + label)).json());
    }

    private FeedbackItem reload(FeedbackItem item) {
        return feedback.findById(item.getId()).orElseThrow();
    }

    private List<FakeSlackApi.Call> dmsTo(String user, String containing) {
        return SLACK.calls("chat.postMessage").stream().filter(c -> user.equals(c.param("channel"))
                && c.param("text").contains(containing) && c.param("text").contains(tag)).toList();
    }

    @Test
    void aJiraIssueFromTheCardShipsByWebhookAndEveryoneWhoAskedIsToldOnce() throws Exception {
        TrackerConnection jira = connectJira();
        Document stored = mongo.getCollection(TrackerConnection.COLLECTION).find(new Document("_id", jira.getId()))
                .first();
        assertThat(stored.toJson()).doesNotContain(FakeTrackers.JIRA_TOKEN).doesNotContain(FakeTrackers.JIRA_EMAIL);
        FeedbackItem item = captured("Export to CSV times out " + tag, "U0REPORTER");
        command("+1 " + item.reference() + " Acme", "U0VOTER1");
        command("+1 " + item.reference(), "U0VOTER2");
        PostedMessage post = posted(item);
        FakeSlackApi.Call card = card(item);

        click(card, "Create Jira issue", "U0MEMBER", post);
        assertThat(SLACK.awaitCall("response_url", c -> c.body().contains("Only a triager")).json().get("text")
                .getAsString()).isEqualTo("⚠️ Only a triager or admin of this workspace can link feedback to Jira "
                + "or Trello.");
        click(card, "Create Jira issue", TRIAGER, post);
        JsonObject form = modal("feedback.tracker-create");
        assertThat(form.toString()).contains("EX · Bug (Example)").contains("EX · Task (Example)");
        HttpResponse<String> created = submit(ViewSubmission.of("feedback.tracker-create").user(TRIAGER)
                .staticSelect("target", "10000:1").plainTextInput("title", "CSV export times out " + tag), form);

        assertThat(created.body()).doesNotContain("errors");
        FakeTrackers.Call create = TRACKERS.calls("POST", "/jira/rest/api/3/issue").get(0);
        JsonNode fields = JsonMapper.builder().build().readTree(create.body()).path("fields");
        assertThat(fields.path("project").path("id").asString()).isEqualTo("10000");
        assertThat(fields.path("issuetype").path("id").asString()).isEqualTo("1");
        assertThat(fields.path("summary").asString()).isEqualTo("CSV export times out " + tag);
        assertThat(fields.path("description").path("type").asString()).isEqualTo("doc");
        assertThat(fields.path("description").toString()).contains("Export to CSV times out " + tag)
                .contains("Reported by").contains("Acme").contains("3 people asked").contains(item.reference()
                        .toString());
        FeedbackItem linked = reload(item);
        assertThat(linked.getTrackerLink().key()).isEqualTo(FakeTrackers.CREATED_KEY);
        assertThat(SLACK.awaitCall("chat.update", c -> post.messageId().equals(c.param("ts"))
                && c.param("blocks").contains("Tracked in")).param("blocks")).doesNotContain("Create Jira issue");

        // Forged, unsigned and wrongly signed deliveries change nothing.
        String done = TrackerWebhookRequests.jiraIssueUpdated(FakeTrackers.CREATED_KEY, "done", "Done");
        assertThat(webhooks.jira(jira.getId(), done, null).statusCode()).isEqualTo(401);
        assertThat(webhooks.jira(jira.getId(), done, "sha256=" + "0".repeat(64)).statusCode()).isEqualTo(401);
        assertThat(webhooks.jira(jira.getId(), done, TrackerWebhookRequests.jiraSignature("guessed", done))
                .statusCode()).isEqualTo(401);
        assertThat(reload(item).getStatus()).isEqualTo(FeedbackStatus.NEW);

        String secret = connections.webhookSecret(jira);
        String signature = TrackerWebhookRequests.jiraSignature(secret, done);
        assertThat(webhooks.jira(jira.getId(), done, signature).statusCode()).isEqualTo(200);
        // Jira delivers again when it is unsure the first arrived.
        assertThat(webhooks.jira(jira.getId(), done, signature).statusCode()).isEqualTo(200);

        assertThat(reload(item).getStatus()).isEqualTo(FeedbackStatus.SHIPPED);
        for (String person : List.of("U0REPORTER", "U0VOTER1", "U0VOTER2")) {
            SLACK.awaitCall("chat.postMessage", c -> person.equals(c.param("channel"))
                    && c.param("text").contains("has shipped") && c.param("text").contains(tag));
        }
        FakeSlackApi.Call offer = SLACK.awaitCall("chat.postMessage", c -> TRIAGER.equals(c.param("channel"))
                && c.param("text").contains("Announce this launch") && c.param("text").contains(tag));
        assertThat(dmsTo("U0VOTER1", "has shipped").get(0).param("text")).contains("for Acme");
        Thread.sleep(300);
        for (String person : List.of("U0REPORTER", "U0VOTER1", "U0VOTER2")) {
            assertThat(dmsTo(person, "has shipped")).as(person).hasSize(1);
        }

        // Launch enablement: the announcement form, prefilled, sent with Acknowledge to the people picked.
        slack.interaction(ButtonClick.on(BlockKit.button(offer, "📣 Announce this launch")).user(TRIAGER)
                .channel("D" + TRIAGER).messageTs("1700000100.000001")
                .responseUrl(SLACK.responseUrl("launch/" + tag)).json());
        JsonObject announce = modal("training.announce");
        assertThat(announce.toString()).contains("Shipped: Export to CSV times out " + tag)
                .contains("Who asked: 3 people").contains("Acme");
        HttpResponse<String> sent = submit(ViewSubmission.of("training.announce").user(TRIAGER)
                .plainTextInput("title", "Shipped: Export to CSV times out " + tag)
                .plainTextInput("text", "What shipped: faster CSV export").multiUsersSelect("people", "U0SUPPORT"),
                announce);
        assertThat(sent.body()).doesNotContain("errors");
        FakeSlackApi.Call announcement = SLACK.awaitCall("chat.postMessage", c -> "U0SUPPORT".equals(
                c.param("channel")) && c.param("text").contains(tag));
        assertThat(announcement.param("blocks")).contains("Acknowledge");
    }

    @Test
    void aRateLimitedCreateWaitsForRetryAfterAndAnOutageThatLastsTellsThePm() {
        TrackerConnection jira = connectJira();
        FeedbackItem item = captured("Dark mode for reports " + tag, "U0REPORTER");
        PostedMessage post = posted(item);
        TRACKERS.answerNext("POST", "/jira/rest/api/3/issue", new FakeTrackers.Answer(429, "", "30"));

        click(card(item), "Create Jira issue", TRIAGER, post);
        JsonObject form = modal("feedback.tracker-create");
        submit(ViewSubmission.of("feedback.tracker-create").user(TRIAGER).staticSelect("target", "10000:3")
                .plainTextInput("title", "Dark mode " + tag), form);

        assertThat(SLACK.awaitCall("response_url", c -> c.body().contains("limiting requests")).json().get("text")
                .getAsString()).contains("is saved; I'll create the Jira issue in 30 seconds");
        assertThat(reload(item).getTrackerLink()).isNull();
        assertThat(links.retryDue()).isZero();
        clock.advance(Duration.ofSeconds(29));
        assertThat(links.retryDue()).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(links.retryDue()).isEqualTo(1);
        assertThat(reload(item).getTrackerLink().key()).isEqualTo(FakeTrackers.CREATED_KEY);
        assertThat(TRACKERS.calls("POST", "/jira/rest/api/3/issue")).hasSize(2);
        SLACK.awaitCall("chat.postMessage", c -> TRIAGER.equals(c.param("channel"))
                && c.param("text").contains("Jira is back"));

        // Down for good: tried as often as configured, then the PM is told; the item stays.
        FeedbackItem other = captured("Bulk edit tags " + tag, "U0REPORTER");
        PostedMessage otherPost = posted(other);
        for (int i = 0; i < 10; i++) {
            TRACKERS.answerNext("POST", "/jira/rest/api/3/issue", new FakeTrackers.Answer(503,
                    "{\"errorMessages\":[\"Service Unavailable\"],\"errors\":{}}", null));
        }
        click(card(other), "Create Jira issue", TRIAGER, otherPost);
        submit(ViewSubmission.of("feedback.tracker-create").user(TRIAGER).staticSelect("target", "10000:3")
                .plainTextInput("title", "Bulk edit " + tag), modal("feedback.tracker-create"));
        await().until(() -> mongo.count(Query.query(Criteria.where("itemId").is(other.getId())), TrackerJob.class)
                == 1);
        for (int i = 0; i < 8; i++) {
            clock.advance(Duration.ofHours(1));
            links.retryDue();
        }
        SLACK.awaitCall("chat.postMessage", c -> TRIAGER.equals(c.param("channel"))
                && c.param("text").contains("couldn't create the Jira issue for " + other.reference()));
        assertThat(reload(other).getTrackerLink()).isNull();
        assertThat(reload(other).getStatus()).isEqualTo(FeedbackStatus.NEW);
        assertThat(jira.getId()).isNotBlank();
    }

    /**
     * Jira made the issue but its answer was lost (Atlassian's edge answered 504): the retry finds that issue among
     * the account's recent ones and links it, rather than making a second one. Another item with the same words is
     * not mistaken for it.
     */
    @Test
    void anIssueWhoseAnswerWasLostIsLinkedOnRetryNotCreatedTwice() {
        connectJira();
        FeedbackItem item = captured("CSV import drops rows " + tag, "U0REPORTER");
        FeedbackItem twin = captured("CSV import drops rows too " + tag, "U0REPORTER");
        TRACKERS.loseNextAnswer("POST", "/jira/rest/api/3/issue", new FakeTrackers.Answer(504,
                "<html><body>Gateway Timeout</body></html>", null));

        click(card(item), "Create Jira issue", TRIAGER, posted(item));
        submit(ViewSubmission.of("feedback.tracker-create").user(TRIAGER).staticSelect("target", "10000:3")
                .plainTextInput("title", "CSV import " + tag), modal("feedback.tracker-create"));
        SLACK.awaitCall("response_url", c -> c.body().contains("is having trouble"));
        assertThat(TRACKERS.createdIssues()).as("Jira did make it").hasSize(1);
        assertThat(reload(item).getTrackerLink()).isNull();

        clock.advance(Duration.ofSeconds(30));
        assertThat(links.retryDue()).isEqualTo(1);

        assertThat(reload(item).getTrackerLink().key()).isEqualTo(FakeTrackers.CREATED_KEY);
        assertThat(TRACKERS.calls("POST", "/jira/rest/api/3/issue")).as("no second issue").hasSize(1);
        assertThat(TRACKERS.calls("GET", "/jira/rest/api/3/search/jql")).singleElement()
                .satisfies(search -> assertThat(java.net.URLDecoder.decode(search.query(),
                        java.nio.charset.StandardCharsets.UTF_8)).contains("project = 10000")
                        .contains("reporter = currentUser()"));
        SLACK.awaitCall("chat.postMessage", c -> TRIAGER.equals(c.param("channel"))
                && c.param("text").contains("Jira is back") && c.param("text").contains(item.reference().toString()));

        // Same title, another item: the issue Jira holds names the first item, so this one gets its own.
        TRACKERS.answerNext("POST", "/jira/rest/api/3/issue", new FakeTrackers.Answer(503, "", null));
        click(card(twin), "Create Jira issue", TRIAGER, posted(twin));
        submit(ViewSubmission.of("feedback.tracker-create").user(TRIAGER).staticSelect("target", "10000:3")
                .plainTextInput("title", "CSV import " + tag), modal("feedback.tracker-create"));
        await().until(() -> mongo.count(Query.query(Criteria.where("itemId").is(twin.getId())), TrackerJob.class)
                == 1);
        clock.advance(Duration.ofSeconds(30));
        assertThat(links.retryDue()).isEqualTo(1);
        assertThat(reload(twin).getTrackerLink()).isNotNull();
        assertThat(TRACKERS.createdIssues()).hasSize(2);
    }

    /** The same for Trello: the card a lost answer made is found on its list and linked, not made twice. */
    @Test
    void aCardWhoseAnswerWasLostIsLinkedOnRetryNotCreatedTwice() {
        connectTrello();
        FeedbackItem item = captured("Archive old boards " + tag, "U0REPORTER");
        TRACKERS.loseNextAnswer("POST", "/trello/1/cards", new FakeTrackers.Answer(502, "Bad Gateway", null));

        click(card(item), "Create Trello card", TRIAGER, posted(item));
        submit(ViewSubmission.of("feedback.tracker-create").user(TRIAGER)
                .staticSelect("target", "550def1c239fb24e102559c0").plainTextInput("title", "Archive " + tag),
                modal("feedback.tracker-create"));
        await().until(() -> mongo.count(Query.query(Criteria.where("itemId").is(item.getId())), TrackerJob.class)
                == 1);
        clock.advance(Duration.ofSeconds(30));
        assertThat(links.retryDue()).isEqualTo(1);

        assertThat(reload(item).getTrackerLink().key()).isEqualTo("550df104f244348fb46ce2b5");
        assertThat(TRACKERS.calls("POST", "/trello/1/cards")).as("no second card").hasSize(1);
        assertThat(TRACKERS.calls("GET", "/trello/1/lists/550def1c239fb24e102559c0/cards")).hasSize(1);
    }

    @Test
    void aTrelloCardFromTheCardMovesTheItemWhenItChangesListAndAForgedDeliveryIsRefused() {
        command("connect trello", ADMIN);
        JsonObject form = modal("feedback.connect-trello");
        HttpResponse<String> refused = submit(ViewSubmission.of("feedback.connect-trello").user(ADMIN)
                .plainTextInput("key", FakeTrackers.TRELLO_KEY).plainTextInput("secret", "app-secret")
                .plainTextInput("token", "expired"), form);
        assertThat(refused.body()).contains("Trello said: invalid token");
        TrackerConnection trello = connectTrello();
        assertThat(command("map trello shipped an empty List", ADMIN).get("text").getAsString())
                .isEqualTo("Done: Trello “an empty List” moves linked feedback to Shipped.");
        assertThat(command("map trello shipped Done", "U0MEMBER").get("text").getAsString())
                .startsWith("⚠️ Only an admin");

        FeedbackItem item = captured("Posts per page setting " + tag, "U0REPORTER");
        command("+1 " + item.reference(), "U0VOTER3");
        PostedMessage post = posted(item);
        click(card(item), "Create Trello card", TRIAGER, post);
        JsonObject create = modal("feedback.tracker-create");
        assertThat(create.toString()).contains("This is a Site · _preferences");
        submit(ViewSubmission.of("feedback.tracker-create").user(TRIAGER)
                .staticSelect("target", "550def1c239fb24e102559c0").plainTextInput("title", "Posts per page"),
                create);
        assertThat(reload(item).getTrackerLink().key()).isEqualTo("550df104f244348fb46ce2b5");
        FakeTrackers.Call watch = TRACKERS.calls("POST", "/trello/1/webhooks").get(0);
        assertThat(watch.body()).contains("\"idModel\":\"54c2f73c734b5b084777d1aa\"")
                .contains(connections.webhookUrl(trello));
        assertThat(TRACKERS.calls("POST", "/trello/1/cards").get(0).body()).contains("Posts per page")
                .contains("2 people asked");

        String moved = TrackerWebhookRequests.trelloCardMoved();
        String callback = connections.webhookUrl(trello);
        assertThat(webhooks.trello(trello.getId(), moved, TrackerWebhookRequests.trelloSignature("wrong", moved,
                callback)).statusCode()).isEqualTo(401);
        assertThat(webhooks.trello(trello.getId(), moved, null).statusCode()).isEqualTo(401);
        assertThat(reload(item).getStatus()).isEqualTo(FeedbackStatus.NEW);
        assertThat(webhooks.trello(trello.getId(), moved, TrackerWebhookRequests.trelloSignature("app-secret", moved,
                callback)).statusCode()).isEqualTo(200);

        assertThat(reload(item).getStatus()).isEqualTo(FeedbackStatus.SHIPPED);
        SLACK.awaitCall("chat.postMessage", c -> "U0REPORTER".equals(c.param("channel"))
                && c.param("text").contains(item.reference().toString()) && c.param("text").contains("has shipped"));
        SLACK.awaitCall("chat.postMessage", c -> "U0VOTER3".equals(c.param("channel"))
                && c.param("text").contains("has shipped"));
    }

    @Test
    void savedFromAMessageAndDeclinedWithANoteTheThreadAndTheVotersAreToldAndAnExistingIssueIsLinkedByKey() {
        connectJira();
        fresh();
        JsonObject shortcut = io.opsbot.slack.testing.Fixtures.json("slack/message_action.docs-example.json");
        shortcut.addProperty("callback_id", "save_as_feedback");
        shortcut.getAsJsonObject("team").addProperty("id", FakeSlackApi.TEAM_ID);
        shortcut.getAsJsonObject("user").addProperty("id", "U0SAVER");
        shortcut.getAsJsonObject("channel").addProperty("id", "CSALES" + tag);
        shortcut.getAsJsonObject("message").addProperty("text", "Customer wants SSO via Okta " + tag);
        shortcut.getAsJsonObject("message").addProperty("ts", "1516229207.000133");
        assertThat(slack.interaction(shortcut).statusCode()).isEqualTo(200);
        JsonObject form = modal("feedback.new");
        assertThat(submit(ViewSubmission.of("feedback.new").user("U0SAVER")
                .plainTextInput("summary", "Customer wants SSO via Okta " + tag), form).body())
                .doesNotContain("errors");
        FeedbackItem item = await().until(() -> feedback.findAll().stream().filter(i -> i.getSummary()
                .equals("Customer wants SSO via Okta " + tag)).findFirst().orElse(null), Objects::nonNull);
        assertThat(item.getSourceThread().channelId()).isEqualTo("CSALES" + tag);
        command("+1 " + item.reference() + " Globex", "U0VOTER4");
        PostedMessage post = posted(item);

        click(card(item), "Link existing", TRIAGER, post);
        JsonObject link = modal("feedback.tracker-link");
        assertThat(submit(ViewSubmission.of("feedback.tracker-link").user(TRIAGER).plainTextInput("key", "ED-999"),
                link).body()).contains("There is no such Jira issue").contains("Issue does not exist");
        assertThat(reload(item).getTrackerLink()).isNull();
        assertThat(submit(ViewSubmission.of("feedback.tracker-link").user(TRIAGER)
                .plainTextInput("key", TRACKERS.jiraSite() + "/browse/ED-1"), link).body())
                .doesNotContain("errors");
        assertThat(reload(item).getTrackerLink().key()).isEqualTo("ED-1");

        assertThat(command("status " + item.reference() + " declined Not this quarter: SAML first", TRIAGER)
                .get("text").getAsString()).isEqualTo(item.reference() + " is now Declined.");

        FakeSlackApi.Call reply = SLACK.awaitCall("chat.postMessage", c -> ("CSALES" + tag).equals(
                c.param("channel")));
        assertThat(reply.param("thread_ts")).isEqualTo("1516229207.000133");
        assertThat(reply.param("text")).contains("was declined").contains("Not this quarter: SAML first");
        FakeSlackApi.Call voter = SLACK.awaitCall("chat.postMessage", c -> "U0VOTER4".equals(c.param("channel"))
                && c.param("text").contains("was declined"));
        assertThat(voter.param("text")).contains("Release note: Not this quarter: SAML first").contains("Globex");
        SLACK.awaitCall("chat.postMessage", c -> "U0SAVER".equals(c.param("channel"))
                && c.param("text").contains("Your feedback") && c.param("text").contains("was declined"));
    }
}
