package io.opsbot.slack.faults;

import io.opsbot.core.delivery.Outbox;
import io.opsbot.core.feedback.FeedbackItem;
import io.opsbot.core.feedback.FeedbackService;
import io.opsbot.core.testing.MongoTestServer;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.core.testing.TcpProxy;
import io.opsbot.slack.testing.FakeSlackApi;
import io.opsbot.slack.testing.SignedSlackRequests;
import io.opsbot.slack.testing.SlackTestApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database connection cut for 30 seconds by a TCP proxy while people keep sending feedback: each command is
 * answered within Slack's three seconds with "try again in a moment" (no stack trace), nothing is left half-written
 * (every stored item gets its one triage post once the database is back), and the outbox resumes.
 */
@SpringBootTest(classes = SlackTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.quartz.auto-startup=false", "opsbot.slack.triage-channel=C0TRIAGE",
                // Slack's pace of one post a second per channel would make the catch-up after the cut a slow test.
                "opsbot.slack.limits.channel-per-second=1000", "opsbot.slack.limits.channel-burst=1000"})
class DatabaseOutageTest {

    private static final String SECRET = "outage-secret";
    private static final FakeSlackApi SLACK = new FakeSlackApi();
    private static final TcpProxy PROXY = new TcpProxy("127.0.0.1", MongoTestServer.port());
    private static final Pattern SAVED = Pattern.compile("Saved as FB-(\\d+)");
    private static final Duration CUT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    Outbox outbox;
    @Autowired
    FeedbackService feedback;
    @Autowired
    MutableClock clock;

    private int sent;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> "mongodb://127.0.0.1:" + PROXY.port() + "/outage_"
                + UUID.randomUUID().toString().substring(0, 8));
        registry.add("opsbot.slack.bot-token", () -> FakeSlackApi.TOKEN);
        registry.add("opsbot.slack.signing-secret", () -> SECRET);
        registry.add("opsbot.slack.api-base-url", SLACK::apiBaseUrl);
    }

    @AfterAll
    static void stop() {
        PROXY.close();
        SLACK.close();
    }

    @Test
    void aThirtySecondCutAnswersTryAgainLeavesNothingHalfWrittenAndTheOutboxResumes() {
        List<Long> confirmed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            confirmed.add(saved(capture()));
        }
        assertThat(confirmed).doesNotContainNull();

        PROXY.cut();
        long cutEnds = System.nanoTime() + CUT.toNanos();
        List<String> during = new ArrayList<>();
        while (System.nanoTime() < cutEnds) {
            long start = System.nanoTime();
            HttpResponse<String> reply = capture();
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(millis).as("answered inside Slack's 3 s").isLessThan(3000);
            assertThat(reply.statusCode()).isEqualTo(200);
            during.add(reply.body());
        }
        PROXY.restore();

        assertThat(during).hasSizeGreaterThan(8).allSatisfy(body -> assertThat(body)
                .contains("try again in a moment").doesNotContain("Exception").doesNotContain("at io."));
        HttpResponse<String> after = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(this::capture, reply -> SAVED.matcher(reply.body()).find());
        confirmed.add(saved(after));
        // Its post is under way now; moving the clock past the lease while it is in flight would make it look cut
        // short (a case the lease times of a real clock never produce), so it lands first.
        String afterReference = "FB-" + saved(after);
        await().atMost(Duration.ofSeconds(30)).until(() -> triagePosts().containsKey(afterReference));

        // What the cut interrupted is finished: posts still queued go out (one the cut caught mid-attempt once its
        // two-minute lease is up), items whose post was never queued get it.
        clock.advance(Duration.ofMinutes(3));
        feedback.publishPending();
        outbox.retryDue();
        List<FeedbackItem> stored = mongo.findAll(FeedbackItem.class);
        List<String> references = stored.stream().map(item -> item.reference().toString()).toList();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .alias("triage posts of " + references).until(() -> {
                    outbox.retryDue();
                    return triagePosts().keySet().containsAll(references);
                });
        assertThat(stored.stream().map(FeedbackItem::getNumber).toList()).containsAll(confirmed)
                .doesNotHaveDuplicates();
        assertThat(triagePosts()).as("one triage post per stored item")
                .allSatisfy((reference, posts) -> assertThat(posts).isEqualTo(1)).hasSize(stored.size());
        assertThat(stored).noneMatch(FeedbackItem::isTriagePending);
    }

    /** Triage posts by item reference (FB-n), counted. */
    private Map<String, Long> triagePosts() {
        return SLACK.calls("chat.postMessage").stream().filter(c -> "C0TRIAGE".equals(c.param("channel")))
                .map(c -> {
                    Matcher m = Pattern.compile("FB-\\d+").matcher(c.param("text") + c.param("blocks"));
                    return m.find() ? m.group() : "?";
                }).collect(Collectors.groupingBy(r -> r, Collectors.counting()));
    }

    private HttpResponse<String> capture() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("team_id", FakeSlackApi.TEAM_ID);
        fields.put("enterprise_id", "");
        fields.put("user_id", "U0OUT" + (sent % 7));
        fields.put("command", "/feedback");
        fields.put("text", "Outage item " + (++sent) + " #billing");
        return new SignedSlackRequests("http://127.0.0.1:" + port + "/slack/events", SECRET).slashCommand(fields);
    }

    private static Long saved(HttpResponse<String> reply) {
        Matcher m = SAVED.matcher(reply.body());
        return m.find() ? Long.parseLong(m.group(1)) : null;
    }
}
