package io.opsbot.app.packaged;

import com.google.gson.JsonObject;
import io.opsbot.slack.testing.FakeSlackApi;
import io.opsbot.slack.testing.SignedSlackRequests;
import io.opsbot.slack.testing.ViewSubmission;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged bot killed with SIGKILL in the middle of fan-outs to 50 people, and started again on the same data:
 * a standup run ("/standup run", killed right after the command, after 15 prompts and after 35), and an announcement
 * with its scheduled reminder (killed during the cards, and twice during the reminders the schedule sends later).
 * Slack answers each post slowly, so kills land between a post arriving and the bot learning of it. After the last
 * restart everyone got exactly one prompt, card and reminder, and the standup exactly one summary.
 */
class CrashDuringFanOutIT {

    private static final String SECRET = "crash-secret";
    private static final int PEOPLE = 50;
    private static final String CREW = "C0CREW";
    private static final String REPORT = "C0REPORT";

    private final FakeSlackApi slack = new FakeSlackApi();
    private final List<String> people = new ArrayList<>();
    private PackagedBot bot;

    @TempDir
    Path tmp;

    @BeforeEach
    void workspace() {
        for (int i = 0; i < PEOPLE; i++) {
            String id = String.format("U0P%03d", i);
            people.add(id);
            slack.user(id, "Person " + i, "Europe/London", false);
        }
        slack.user("U0ADMIN", "Ada Admin", "Europe/London", false);
        slack.members(CREW, people);
        bot = new PackagedBot(tmp.resolve("data"), Map.of(
                "opsbot.slack.bot-token", FakeSlackApi.TOKEN, "opsbot.slack.signing-secret", SECRET,
                "opsbot.slack.api-base-url", slack.apiBaseUrl(),
                "opsbot.outbox.poll-interval", "1s",
                "opsbot.training.ack-reminder-after", "8s",
                // Slack's workspace pace would stretch 150 posts over half a minute; the kills are the point.
                "opsbot.slack.limits.workspace-per-minute", "100000",
                "opsbot.slack.limits.workspace-burst", "10000"));
    }

    @AfterEach
    void stop() {
        bot.kill();
        slack.close();
    }

    @Test
    void aStandupRunKilledThreeTimesAsksEveryoneOnceWithOneSummary() {
        bot.start();
        createStandup("Crashproof");
        slack.slow("chat.postMessage", Duration.ofMillis(60));

        HttpResponse<String> run = command("/standup", "run Crashproof");
        assertThat(run.body()).contains("Asking 50 participant(s) of Crashproof now.");
        bot.kill();
        bot.start();
        awaitCount(isPrompt(), 15);
        bot.kill();
        bot.start();
        awaitCount(isPrompt(), 35);
        bot.kill();
        bot.start();

        awaitCount(isPrompt(), PEOPLE);
        PackagedBot.sleep(3000);
        assertExactlyOncePerPerson(isPrompt(), "prompt");
        assertThat(slack.calls("chat.postMessage").stream().filter(c -> REPORT.equals(c.param("channel"))
                && c.param("thread_ts") == null)).as("summary posts").hasSize(1);
    }

    @Test
    void anAnnouncementAndItsScheduledReminderKilledMidFanOutReachEveryoneOnce() {
        bot.start();
        slack.slow("chat.postMessage", Duration.ofMillis(60));
        HttpResponse<String> opened = command("/training", "announce");
        assertThat(opened.statusCode()).isEqualTo(200);
        JsonObject view = slack.awaitCall("views.open", c -> true).jsonParam("view").getAsJsonObject();
        HttpResponse<String> sent = requests().interaction(ViewSubmission.of(view.get("callback_id").getAsString())
                .user("U0ADMIN").privateMetadata(view.get("private_metadata").getAsString())
                .plainTextInput("title", "Expense tool")
                .plainTextInput("text", "Expenses go through the new tool from Monday.")
                .conversationsSelect("channel", CREW)
                .json());
        assertThat(sent.statusCode()).isEqualTo(200);

        awaitCount(isCard(), 20);
        bot.kill();
        bot.start();
        // The reminder is due 8 s after the announcement, whichever instance is up then.
        awaitCount(isReminder(), 10);
        bot.kill();
        bot.start();
        awaitCount(isReminder(), 30);
        bot.kill();
        bot.start();

        awaitCount(isCard(), PEOPLE);
        awaitCount(isReminder(), PEOPLE);
        PackagedBot.sleep(3000);
        assertExactlyOncePerPerson(isCard(), "announcement card");
        assertExactlyOncePerPerson(isReminder(), "reminder");
    }

    private Predicate<FakeSlackApi.Call> isPrompt() {
        return c -> c.param("text") != null && c.param("text").startsWith("Time for Crashproof");
    }

    private Predicate<FakeSlackApi.Call> isCard() {
        return c -> c.param("text") != null && c.param("text").startsWith("New: Expense tool");
    }

    private Predicate<FakeSlackApi.Call> isReminder() {
        return c -> c.param("text") != null && c.param("text").startsWith("Reminder: please acknowledge Expense");
    }

    private void awaitCount(Predicate<FakeSlackApi.Call> what, int count) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20))
                .until(() -> slack.calls("chat.postMessage").stream().filter(what).count() >= count);
    }

    private void assertExactlyOncePerPerson(Predicate<FakeSlackApi.Call> what, String kind) {
        Map<String, Long> perPerson = slack.calls("chat.postMessage").stream().filter(what)
                .collect(Collectors.groupingBy(c -> c.param("channel"), Collectors.counting()));
        assertThat(perPerson.keySet()).as("people who got a " + kind).containsExactlyInAnyOrderElementsOf(people);
        assertThat(perPerson).as(kind + "s per person").allSatisfy((person, n) -> assertThat(n).isEqualTo(1));
    }

    private void createStandup(String name) {
        assertThat(command("/standup", "new").statusCode()).isEqualTo(200);
        JsonObject view = slack.awaitCall("views.open", c -> true).jsonParam("view").getAsJsonObject();
        HttpResponse<String> saved = requests().interaction(ViewSubmission.of("standup.edit").user("U0ADMIN")
                .privateMetadata(view.get("private_metadata").getAsString())
                .plainTextInput("name", name)
                .conversationsSelect("channel", REPORT)
                .conversationsSelect("members_of", CREW)
                .checkboxes("days", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")
                .timepicker("time", "03:00")
                .staticSelect("zone_mode", "TEAM")
                .plainTextInput("zone", "Etc/UTC")
                .plainTextInput("questions", "What did you do yesterday?\nWhat will you do today?\nBlockers?")
                .numberInput("reminder", "60")
                .numberInput("cutoff", "23")
                .json());
        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(saved.body()).doesNotContain("errors");
    }

    private HttpResponse<String> command(String command, String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("team_id", FakeSlackApi.TEAM_ID);
        fields.put("enterprise_id", "");
        fields.put("channel_id", "C0ADMIN");
        fields.put("user_id", "U0ADMIN");
        fields.put("command", command);
        fields.put("text", text);
        fields.put("response_url", slack.responseUrl("crash"));
        return requests().slashCommand(fields);
    }

    private SignedSlackRequests requests() {
        return new SignedSlackRequests(bot.baseUrl() + "/slack/events", SECRET);
    }
}
