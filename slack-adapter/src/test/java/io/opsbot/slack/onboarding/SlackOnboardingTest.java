package io.opsbot.slack.onboarding;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.opsbot.core.onboarding.OnboardingRun;
import io.opsbot.core.onboarding.OnboardingService;
import io.opsbot.core.onboarding.OnboardingStep;
import io.opsbot.core.onboarding.OnboardingTrack;
import io.opsbot.core.onboarding.StepQuiz;
import io.opsbot.core.onboarding.TrackCatalog;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.slack.testing.BlockKit;
import io.opsbot.slack.testing.ButtonClick;
import io.opsbot.slack.testing.FakeSlackApi;
import io.opsbot.slack.testing.Fixtures;
import io.opsbot.slack.testing.SlackAdapterTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Onboarding on Slack end to end: real join events in (team_join, member_joined_channel), a slash command with an
 * escaped mention, step cards out by DM, Done/Next clicks updating the card with chat.update, runs in MongoDB.
 */
class SlackOnboardingTest extends SlackAdapterTest {

    private static final AtomicInteger RUN = new AtomicInteger();
    private final TenantRef tenant = TenantRef.slack(FakeSlackApi.TEAM_ID);

    @Autowired
    OnboardingService onboarding;
    @Autowired
    TrackCatalog catalog;

    private String tag;

    /** Runs started here must not wake up in other tests. */
    @org.junit.jupiter.api.AfterEach
    void stopRuns() {
        onboarding.active(tenant).forEach(run -> onboarding.stop(run.getId()));
    }

    @BeforeEach
    void uniqueIds() {
        tag = String.format("%04d", RUN.incrementAndGet()) + UUID.randomUUID().toString().substring(0, 4)
                .toUpperCase();
    }

    private JsonObject teamJoin(String userId, boolean bot) {
        JsonObject envelope = Fixtures.json("slack/events/team_join.schema-sample.json");
        // The schema sample blanks every string; a real delivery says what it is.
        envelope.addProperty("type", "event_callback");
        envelope.addProperty("team_id", FakeSlackApi.TEAM_ID);
        envelope.addProperty("enterprise_id", "");
        envelope.addProperty("event_id", "Ev" + tag);
        envelope.getAsJsonArray("authorizations").get(0).getAsJsonObject().addProperty("team_id",
                FakeSlackApi.TEAM_ID);
        JsonObject user = envelope.getAsJsonObject("event").getAsJsonObject("user");
        user.addProperty("id", userId);
        user.addProperty("team_id", FakeSlackApi.TEAM_ID);
        user.addProperty("is_bot", bot);
        user.addProperty("tz", "Europe/Berlin");
        user.addProperty("real_name", "Nia Newcomer");
        user.getAsJsonObject("profile").addProperty("display_name", "Nia");
        return envelope;
    }

    private JsonObject channelJoin(String userId, String channel) {
        JsonObject envelope = Fixtures.json("slack/events/member_joined_channel.docs.json");
        envelope.addProperty("team_id", FakeSlackApi.TEAM_ID);
        envelope.addProperty("event_id", "Ev" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        envelope.getAsJsonArray("authorizations").get(0).getAsJsonObject().addProperty("team_id",
                FakeSlackApi.TEAM_ID);
        JsonObject event = envelope.getAsJsonObject("event");
        event.addProperty("user", userId);
        event.addProperty("channel", channel);
        event.addProperty("team", FakeSlackApi.TEAM_ID);
        event.remove("enterprise");
        return envelope;
    }

    private HttpResponse<String> command(String name, String text, String channel, String user) {
        return slashCommand("/" + name, text, channel, user, "commands/" + tag);
    }

    /** A DM is posted to the user id (Slack puts it in the app's DM with them). */
    private FakeSlackApi.Call dmTo(String userId) {
        return SLACK.awaitCall("chat.postMessage", c -> userId.equals(c.param("channel")));
    }

    /** A block_actions click on a button of a message the bot posted in a DM. */
    private HttpResponse<String> click(String userId, FakeSlackApi.Call posted, JsonObject button) {
        return slack.interaction(ButtonClick.on(button).user(userId).channel("D" + userId).messageTs(ts(posted))
                .responseUrl(SLACK.responseUrl("actions/" + tag)).json());
    }

    /** The ts Slack sends in the click's container: chat.update must name it. */
    private static String ts(FakeSlackApi.Call posted) {
        return "1700000001." + String.format("%06d", Math.abs(posted.body().hashCode()) % 1_000_000);
    }

    @Test
    void aPersonJoiningTheWorkspaceGetsTheFirstStepCardInTheirDmOnce() {
        String user = "U0NEW" + tag;

        assertThat(slack.event(teamJoin(user, false), 0).statusCode()).isEqualTo(200);

        FakeSlackApi.Call card = dmTo(user);
        assertThat(card.param("text")).isEqualTo("Step 1 of 6: Welcome aboard");
        JsonArray blocks = card.jsonParam("blocks").getAsJsonArray();
        assertThat(blocks.get(0).getAsJsonObject().getAsJsonObject("text").get("text").getAsString())
                .isEqualTo("Welcome aboard");
        assertThat(blocks.toString()).contains("*Step 1 of 6*").contains("onboarding.done#")
                .contains("onboarding.show#");
        OnboardingRun run = onboarding.runsOf(new UserRef(tenant, user)).get(0);
        assertThat(run.getUserName()).isEqualTo("Nia");
        assertThat(run.zone().getId()).isEqualTo("Europe/Berlin");

        assertThat(slack.event(teamJoin(user, false), 1).statusCode()).as("a redelivery").isEqualTo(200);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> SLACK.calls(
                "chat.postMessage").stream().filter(c -> user.equals(c.param("channel"))).count() == 1);
    }

    @Test
    void botsJoiningAreIgnored() {
        String bot = "U0BOT" + tag;

        assertThat(slack.event(teamJoin(bot, true), 0).statusCode()).isEqualTo(200);

        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                .until(() -> SLACK.calls("chat.postMessage").isEmpty());
        assertThat(onboarding.runsOf(new UserRef(tenant, bot))).isEmpty();
    }

    @Test
    void joiningTheOnboardingChannelStartsTheTrackButOtherChannelsAndBotsDoNot() {
        HttpResponse<String> here = command("onboarding", "channel here", "CNEWHIRES", "U0ADMIN");
        assertThat(here.body()).contains("whoever joins this channel starts welcome");
        String joiner = "U0JOIN" + tag;
        String otherJoiner = "U0ELSE" + tag;
        String bot = "U0CBOT" + tag;
        SLACK.user(bot, "Deploy Bot", "UTC", true);
        SLACK.user(joiner, "Jo Joiner", "Asia/Tokyo", false);

        slack.event(channelJoin(otherJoiner, "CRANDOM"), 0);
        slack.event(channelJoin(bot, "CNEWHIRES"), 0);
        slack.event(channelJoin(joiner, "CNEWHIRES"), 0);

        FakeSlackApi.Call card = dmTo(joiner);
        assertThat(card.param("text")).isEqualTo("Step 1 of 6: Welcome aboard");
        SLACK.awaitCall("users.info", c -> bot.equals(c.param("user")));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> SLACK.calls(
                "chat.postMessage").stream().noneMatch(c -> otherJoiner.equals(c.param("channel"))
                || bot.equals(c.param("channel"))));
        assertThat(SLACK.calls("users.info")).as("other channels are not looked at")
                .noneMatch(c -> otherJoiner.equals(c.param("user")));
        assertThat(onboarding.runsOf(new UserRef(tenant, joiner))).singleElement()
                .satisfies(run -> {
                    assertThat(run.getUserName()).isEqualTo("Jo Joiner");
                    assertThat(run.zone().getId()).isEqualTo("Asia/Tokyo");
                });
    }

    @Test
    void anAdminStartsSomeoneByMentionAndTheyWorkThroughTheCardWithDoneAndNext() {
        String mentee = "U0MENT" + tag;
        SLACK.user(mentee, "Mia Mentee", "Europe/Berlin", false);

        HttpResponse<String> started = command("onboarding", "start <@" + mentee + "|mentee> welcome", "C1",
                "U0ADMIN");

        JsonObject ack = JsonParser.parseString(started.body()).getAsJsonObject();
        assertThat(ack.get("response_type").getAsString()).isEqualTo("ephemeral");
        assertThat(ack.get("text").getAsString()).startsWith("🚀 Started @Mia Mentee on Welcome to product");
        FakeSlackApi.Call card = dmTo(mentee);
        String runId = onboarding.runsOf(new UserRef(tenant, mentee)).get(0).getId();

        HttpResponse<String> next = click(mentee, card, BlockKit.button(card, "Next ▶"));
        assertThat(next.statusCode()).isEqualTo(200);
        FakeSlackApi.Call moved = SLACK.awaitCall("chat.update", c -> c.param("text").startsWith("Step 2 of 6"));
        assertThat(moved.param("channel")).isEqualTo("D" + mentee);
        assertThat(moved.param("ts")).isEqualTo(ts(card));
        assertThat(moved.param("blocks")).contains("Meet your onboarding buddy").contains("◀ Back");

        click(mentee, card, BlockKit.button(moved, "Done"));

        FakeSlackApi.Call ticked = SLACK.awaitCall("chat.update", c -> c.param("blocks")
                .contains("✅ Meet your onboarding buddy"));
        assertThat(ticked.param("blocks")).contains("●●○○○○  2 of 6 done").doesNotContain("onboarding.done#");
        assertThat(onboarding.find(runId).orElseThrow().done(1)).isTrue();

        HttpResponse<String> mine = command("onboarding", "", "D" + mentee, mentee);
        assertThat(JsonParser.parseString(mine.body()).getAsJsonObject().get("text").getAsString())
                .contains("✅ 2. Meet your onboarding buddy").contains("🔒 6. Share your first feedback");
        onboarding.stop(runId);
    }

    @Test
    void anUnknownMentionIsExplainedNotGuessed() {
        HttpResponse<String> response = command("onboarding", "start @someone welcome", "C1", "U0ADMIN");

        assertThat(JsonParser.parseString(response.body()).getAsJsonObject().get("text").getAsString())
                .contains("I couldn't tell who @someone is");
    }

    /** A track of this test's own: a day-1 step with a quiz and a later step; the title tries to ping the channel. */
    private String quizTrack() {
        String key = "quiz-" + tag.toLowerCase();
        catalog.save(new OnboardingTrack(tenant.key() + ":" + key, tenant, key, "Tools <!channel> tour", null,
                List.of(new OnboardingStep("Where things go", "Bugs, ideas and questions.", null, 1, false,
                                new StepQuiz("Where do bugs go?", List.of("Email", "Jira"), 1)),
                        new OnboardingStep("Ship something", "", null, 3, true)), List.of(), null, null));
        return key;
    }

    private String ephemeralText(HttpResponse<String> response) {
        JsonObject body = JsonParser.parseString(response.body()).getAsJsonObject();
        assertThat(body.get("response_type").getAsString()).isEqualTo("ephemeral");
        return body.get("text").getAsString();
    }

    @Test
    void aManagerSeesTheirHiresInStatusAfterTheHireAnsweredTheStepQuizWithAButton() {
        String hire = "U0HIRE" + tag;
        String buddy = "U0BUDY" + tag;
        String manager = "U0MNGR" + tag;
        SLACK.user(hire, "Hana Hire", "Europe/Berlin", false);
        SLACK.user(buddy, "Bo Buddy", "Europe/Berlin", false);
        SLACK.user(manager, "Mo Manager", "Europe/Berlin", false);
        String track = quizTrack();

        String started = ephemeralText(command("onboarding", "start <@" + hire + "|hana> " + track + " buddy <@"
                + buddy + "|bo> manager <@" + manager + "|mo>", "C1", "U0ADMIN"));

        assertThat(started).startsWith("🚀 Started @Hana Hire on Tools").contains("Buddy: @Bo Buddy")
                .contains("manager: @Mo Manager");
        OnboardingRun run = onboarding.runsOf(new UserRef(tenant, hire)).get(0);
        assertThat(run.getBuddy()).isEqualTo(new UserRef(tenant, buddy));
        assertThat(run.getManager()).isEqualTo(new UserRef(tenant, manager));
        FakeSlackApi.Call card = dmTo(hire);
        assertThat(card.param("blocks")).contains("Where do bugs go?").contains("onboarding.answer#");

        click(hire, card, BlockKit.button(card, "Jira"));

        FakeSlackApi.Call answered = SLACK.awaitCall("chat.update", c -> c.param("blocks")
                .contains("Your answer: Jira"));
        assertThat(answered.param("ts")).isEqualTo(ts(card));
        assertThat(answered.param("blocks")).doesNotContain("onboarding.answer#");
        assertThat(onboarding.find(run.getId()).orElseThrow().answer(0)).contains(1);

        String status = ephemeralText(command("onboarding", "status", "D" + manager, manager));
        assertThat(status).startsWith("Your hires").contains("@Hana Hire").contains("1/2 steps")
                .contains("buddy @Bo Buddy").contains("✅ quiz, step 1: Jira")
                .as("user text is escaped").doesNotContain("<!channel>");
        assertThat(ephemeralText(command("onboarding", "status", "D" + buddy, buddy)))
                .startsWith("People you're a buddy to").contains("@Hana Hire");
        assertThat(ephemeralText(command("onboarding", "status", "D0OTHER", "U0OTHR" + tag)))
                .contains("Nobody names you as their manager or buddy");
        assertThat(ephemeralText(command("onboarding", "buddy <@" + hire + "> <@U0OTHR" + tag + ">", "D" + buddy,
                buddy))).contains("manager");
    }
}
