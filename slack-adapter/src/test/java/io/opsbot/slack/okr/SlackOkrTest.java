package io.opsbot.slack.okr;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.opsbot.core.okr.CheckIn;
import io.opsbot.core.okr.CheckInService;
import io.opsbot.core.okr.Confidence;
import io.opsbot.core.okr.KeyResult;
import io.opsbot.core.okr.Objective;
import io.opsbot.core.okr.OkrNudges;
import io.opsbot.core.okr.OkrService;
import io.opsbot.core.schedule.Nudges;
import io.opsbot.core.schedule.WeeklySchedule;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.core.testing.NudgeDriver;
import io.opsbot.slack.testing.FakeSlackApi;
import io.opsbot.slack.testing.Fixtures;
import io.opsbot.slack.testing.SlackAdapterTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * OKR check-ins end to end on Slack: /okr commands and modals to set up, the weekly prompt as a DM at the fake Web
 * API, answers as message.im events or through the Check in button's modal, the alert in the OKR channel, and the
 * check-in in MongoDB. The workspace is shared with other tests, so each test has its own owner and titles.
 */
class SlackOkrTest extends SlackAdapterTest {

    private static final AtomicInteger RUN = new AtomicInteger();
    private static final String ADMIN = "U0ADMIN";
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Autowired
    OkrService okrs;
    @Autowired
    CheckInService checkIns;
    @Autowired
    NudgeDriver driver;
    @Autowired
    Nudges nudges;
    @Autowired
    MutableClock clock;

    private final TenantRef tenant = TenantRef.slack(FakeSlackApi.TEAM_ID);
    private String owner;
    private String dm;
    private String channel;
    private String tag;

    @BeforeEach
    void names() {
        int run = RUN.incrementAndGet();
        owner = "U0OKR" + run;
        dm = "D" + owner;
        channel = "COKR0" + run;
        tag = UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void stopNudges() {
        List.of(OkrNudges.PROMPT, OkrNudges.REMINDER, OkrNudges.DIGEST).forEach(k -> nudges.cancel(k, tenant.key()));
    }

    @Test
    void theOwnerIsPromptedByDmAnswersQuestionByQuestionAndADropIsPostedToTheOkrChannel() {
        KeyResult kr = setUpKeyResult("PERCENTAGE", "5", "3", "");

        FakeSlackApi.Call prompt = awaitPrompt(kr);
        assertThat(prompt.param("text")).isEqualTo("Time to check in on " + kr.reference() + ": Cut churn " + tag
                + " (now 5%)");
        assertThat(prompt.param("blocks")).contains("okr.checkin#0").contains("Check in").contains(kr.getId())
                .contains("░░░░░░░░░░ 0%");
        SLACK.awaitCall("chat.postMessage", c -> owner.equals(c.param("channel")) && c.param("text").contains("1/3"));

        assertThat(answer("about four")).contains("\"about four\" is not a number").contains("Nothing was saved");
        assertThat(answer("4.5")).startsWith("2/3 How confident");
        assertThat(answer("off track")).startsWith("3/3 Anything to add?");
        assertThat(answer("Two big accounts churned")).startsWith("✅ Checked in " + kr.reference()
                + ": 5% → 4.5%");

        FakeSlackApi.Call alert = SLACK.awaitCall("chat.postMessage", c -> channel.equals(c.param("channel"))
                && c.param("text").startsWith("🔴"));
        assertThat(alert.param("text")).isEqualTo("🔴 " + kr.reference() + " is off track (was on track): Cut churn "
                + tag);
        assertThat(alert.param("blocks")).contains("Two big accounts churned").contains("▓▓░░░░░░░░ 25%");
        KeyResult stored = okrs.keyResult(tenant, kr.getId()).orElseThrow();
        assertThat(stored.getCurrent()).isEqualByComparingTo("4.5");
        assertThat(stored.getConfidence()).isEqualTo(Confidence.OFF_TRACK);
        assertThat(checkIns.history(stored, 5)).singleElement().satisfies(c -> {
            assertThat(c.getSource()).isEqualTo(CheckIn.Source.DIRECT_MESSAGE);
            assertThat(c.getBy().userId()).isEqualTo(owner);
            assertThat(c.getComment()).isEqualTo("Two big accounts churned");
        });
    }

    @Test
    void theCheckInButtonOpensAPrefilledModalWhoseSubmissionIsValidatedAndRecorded() {
        KeyResult kr = setUpKeyResult("NUMBER", "100", "500", "signups");
        FakeSlackApi.Call prompt = awaitPrompt(kr);
        JsonObject button = findButton(prompt.jsonParam("blocks").getAsJsonArray(), "Check in");
        SLACK.reset();

        JsonObject click = Fixtures.json("slack/block_actions.in-thread.json");
        click.getAsJsonObject("team").addProperty("id", FakeSlackApi.TEAM_ID);
        click.getAsJsonObject("user").addProperty("id", owner);
        click.getAsJsonObject("user").addProperty("team_id", FakeSlackApi.TEAM_ID);
        click.getAsJsonObject("channel").addProperty("id", dm);
        click.getAsJsonObject("container").addProperty("channel_id", dm);
        click.getAsJsonObject("container").addProperty("is_ephemeral", false);
        click.addProperty("response_url", SLACK.responseUrl("actions/" + owner));
        JsonObject action = click.getAsJsonArray("actions").get(0).getAsJsonObject();
        action.addProperty("action_id", button.get("action_id").getAsString());
        action.addProperty("value", button.get("value").getAsString());
        assertThat(slack.interaction(click).statusCode()).isEqualTo(200);

        JsonObject view = SLACK.awaitCall("views.open", c -> true).jsonParam("view").getAsJsonObject();
        assertThat(view.get("callback_id").getAsString()).isEqualTo("okr.checkin");
        assertThat(view.getAsJsonObject("title").get("text").getAsString()).isEqualTo("Check in " + kr.reference());
        JsonObject value = block(view, "value").getAsJsonObject("element");
        assertThat(value.get("type").getAsString()).isEqualTo("number_input");
        assertThat(value.get("initial_value").getAsString()).isEqualTo("100");
        assertThat(value.get("max_value").getAsString()).isEqualTo("4500");
        String metadata = view.get("private_metadata").getAsString();

        HttpResponse<String> refused = slack.interaction(submission("okr.checkin", metadata, Map.of(
                "value", "number_input:45000", "confidence", "static_select:AT_RISK")));
        JsonObject errors = JsonParser.parseString(refused.body()).getAsJsonObject();
        assertThat(errors.get("response_action").getAsString()).isEqualTo("errors");
        assertThat(errors.getAsJsonObject("errors").get("value").getAsString()).contains("4500");
        assertThat(checkIns.count(kr)).isZero();

        HttpResponse<String> accepted = slack.interaction(submission("okr.checkin", metadata, Map.of(
                "value", "number_input:180", "confidence", "static_select:AT_RISK",
                "comment", "plain_text_input:Launch slipped a week")));
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(accepted.body()).doesNotContain("errors");

        FakeSlackApi.Call confirmation = SLACK.awaitCall("response_url", c -> c.body().contains(kr.reference()));
        assertThat(confirmation.json().get("text").getAsString()).startsWith("✅ Checked in " + kr.reference()
                + ": 100 signups → 180 signups");
        FakeSlackApi.Call alert = SLACK.awaitCall("chat.postMessage", c -> channel.equals(c.param("channel")));
        assertThat(alert.param("text")).startsWith("🟡 " + kr.reference() + " dropped to at risk (was on track)");
        KeyResult stored = okrs.keyResult(tenant, kr.getId()).orElseThrow();
        assertThat(stored.getCurrent()).isEqualByComparingTo("180");
        assertThat(checkIns.history(stored, 5)).singleElement()
                .satisfies(c -> assertThat(c.getSource()).isEqualTo(CheckIn.Source.FORM));

        HttpResponse<String> mine = command("/okr", "mine", dm, owner);
        assertThat(JsonParser.parseString(mine.body()).getAsJsonObject().get("blocks").toString())
                .contains(kr.reference()).contains("▓▓░░░░░░░░ 20%").contains("180 signups → 500 signups");
    }

    // ---- setup through the adapter ------------------------------------------------------------------------------

    /** An OKR channel, a cycle, an objective and one key result owned by this test's owner (in Berlin). */
    private KeyResult setUpKeyResult(String metric, String start, String target, String unit) {
        assertThat(command("/okr", "channel here", channel, ADMIN).body()).contains("will be posted here");
        SLACK.awaitCall("chat.postMessage", c -> channel.equals(c.param("channel")));
        LocalDate today = LocalDate.ofInstant(clock.instant(), BERLIN);
        assertThat(command("/okr", "cycle E2E " + today.minusDays(1) + " " + today.plusDays(60), channel, ADMIN)
                .body()).contains("Cycle E2E runs from");
        assertThat(command("/timezone", "Europe/Berlin", dm, owner).body()).contains("Europe/Berlin");

        command("/okr", "objective", channel, ADMIN);
        JsonObject objectiveView = SLACK.awaitCall("views.open",
                c -> c.param("view").contains("okr.objective")).jsonParam("view").getAsJsonObject();
        String cycleId = block(objectiveView, "cycle").getAsJsonObject("element").getAsJsonObject("initial_option")
                .get("value").getAsString();
        HttpResponse<String> created = slack.interaction(submission("okr.objective",
                objectiveView.get("private_metadata").getAsString(), Map.of("title", "plain_text_input:Retain " + tag,
                        "owner", "users_select:" + owner, "team", "plain_text_input:growth",
                        "cycle", "static_select:" + cycleId)));
        assertThat(created.body()).doesNotContain("errors");
        Objective objective = okrs.openObjectives(tenant).stream().filter(o -> o.getTitle().equals("Retain " + tag))
                .findFirst().orElseThrow();

        command("/okr", "kr " + objective.reference(), channel, ADMIN);
        JsonObject krView = SLACK.awaitCall("views.open", c -> c.param("view").contains("okr.keyresult"))
                .jsonParam("view").getAsJsonObject();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("objective", "static_select:" + objective.getId());
        values.put("title", "plain_text_input:" + (metric.equals("PERCENTAGE") ? "Cut churn " : "Signups ") + tag);
        values.put("owner", "users_select:" + owner);
        values.put("metric", "static_select:" + metric);
        values.put("start", "number_input:" + start);
        values.put("target", "number_input:" + target);
        values.put("unit", "plain_text_input:" + unit);
        assertThat(slack.interaction(submission("okr.keyresult", krView.get("private_metadata").getAsString(),
                values)).body()).doesNotContain("errors");
        return okrs.keyResultsOf(objective).get(0);
    }

    /** Lets time pass until the owner's next Friday 15:00 in Berlin and waits for the prompt DM. */
    private FakeSlackApi.Call awaitPrompt(KeyResult kr) {
        Instant friday = new WeeklySchedule(Set.of(DayOfWeek.FRIDAY), LocalTime.of(15, 0)).next(clock.instant(),
                BERLIN);
        driver.runUntil(friday);
        // Posted to the owner's user id, which Slack delivers into the app's DM with them (channel dm).
        FakeSlackApi.Call prompt = SLACK.awaitCall("chat.postMessage", c -> owner.equals(c.param("channel"))
                && c.param("text").startsWith("Time to check in on " + kr.reference() + ":"));
        assertThat(prompt.response().get("channel").getAsString()).isEqualTo(dm);
        return prompt;
    }

    /** A message.im event from the owner; returns the bot's reply in the DM. */
    private String answer(String text) {
        int before = SLACK.calls("chat.postMessage").size();
        JsonObject envelope = Fixtures.json("slack/events/message_im.docs.json");
        envelope.addProperty("team_id", FakeSlackApi.TEAM_ID);
        envelope.addProperty("event_id", "Ev" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
        JsonObject event = envelope.getAsJsonObject("event");
        event.addProperty("text", text);
        event.addProperty("user", owner);
        event.addProperty("channel", dm);
        assertThat(slack.event(envelope, 0).statusCode()).isEqualTo(200);
        return await().until(() -> SLACK.calls("chat.postMessage").stream().skip(before)
                .filter(c -> dm.equals(c.param("channel"))).map(c -> c.param("text")).findFirst().orElse(null),
                java.util.Objects::nonNull);
    }

    private HttpResponse<String> command(String name, String text, String channelId, String user) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("team_id", FakeSlackApi.TEAM_ID);
        fields.put("enterprise_id", "");
        fields.put("channel_id", channelId);
        fields.put("user_id", user);
        fields.put("command", name);
        fields.put("text", text);
        fields.put("response_url", SLACK.responseUrl("commands/" + user));
        HttpResponse<String> response = slack.slashCommand(fields);
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }

    /** A view_submission; values are {@code type:value} by input id, shaped the way Slack sends each type. */
    private JsonObject submission(String callbackId, String privateMetadata, Map<String, String> values) {
        JsonObject payload = Fixtures.json("slack/view_submission.json");
        payload.getAsJsonObject("team").addProperty("id", FakeSlackApi.TEAM_ID);
        payload.getAsJsonObject("user").addProperty("id", callbackId.equals("okr.checkin") ? owner : ADMIN);
        payload.getAsJsonObject("user").addProperty("team_id", FakeSlackApi.TEAM_ID);
        JsonObject view = payload.getAsJsonObject("view");
        view.addProperty("team_id", FakeSlackApi.TEAM_ID);
        view.addProperty("callback_id", callbackId);
        view.addProperty("private_metadata", privateMetadata == null ? "" : privateMetadata);
        JsonObject state = new JsonObject();
        values.forEach((id, typed) -> {
            String type = typed.substring(0, typed.indexOf(':'));
            String value = typed.substring(typed.indexOf(':') + 1);
            JsonObject input = new JsonObject();
            input.addProperty("type", type);
            switch (type) {
                case "static_select" -> {
                    JsonObject option = new JsonObject();
                    option.addProperty("value", value);
                    input.add("selected_option", option);
                }
                case "users_select" -> input.addProperty("selected_user", value);
                default -> input.addProperty("value", value);
            }
            JsonObject block = new JsonObject();
            block.add(id, input);
            state.add(id, block);
        });
        JsonObject wrapper = new JsonObject();
        wrapper.add("values", state);
        view.add("state", wrapper);
        return payload;
    }

    private static JsonObject block(JsonObject view, String blockId) {
        for (JsonElement block : view.getAsJsonArray("blocks")) {
            JsonObject b = block.getAsJsonObject();
            if (b.has("block_id") && b.get("block_id").getAsString().equals(blockId)) {
                return b;
            }
        }
        throw new AssertionError("no block " + blockId + " in " + view);
    }

    private static JsonObject findButton(JsonArray blocks, String label) {
        for (JsonElement block : blocks) {
            JsonObject b = block.getAsJsonObject();
            if ("actions".equals(b.get("type").getAsString())) {
                for (JsonElement element : b.getAsJsonArray("elements")) {
                    JsonObject button = element.getAsJsonObject();
                    if (button.getAsJsonObject("text").get("text").getAsString().equals(label)) {
                        return button;
                    }
                }
            }
        }
        throw new AssertionError("no button " + label + " in " + blocks);
    }
}
