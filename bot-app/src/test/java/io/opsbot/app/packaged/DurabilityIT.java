package io.opsbot.app.packaged;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.opsbot.slack.testing.FakeSlackApi;
import io.opsbot.slack.testing.SignedSlackRequests;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The packaged bot on its embedded database, killed with SIGKILL 50 times at a random moment 0-1,000 ms after a
 * confirmation while more feedback keeps arriving: after every restart each item the bot confirmed ("Saved as FB-n")
 * is stored with the text it was confirmed for, and no number is ever handed out twice.
 */
class DurabilityIT {

    private static final String SECRET = "durability-secret";
    private static final Pattern SAVED = Pattern.compile("Saved as FB-(\\d+)");
    private static final int KILLS = 50;

    private static final int LANES = 2;

    private final FakeSlackApi slack = new FakeSlackApi();

    @TempDir
    Path tmp;

    @AfterEach
    void stopFake() {
        slack.close();
    }

    @Test
    void everyConfirmedItemSurvivesFiftySigkillsAndNoNumberIsReused() throws Exception {
        long seed = System.nanoTime();
        long started = System.nanoTime();
        // Two bots on their own data folders, killed in turn: start-up is what this test waits for, and one start
        // uses about one core.
        ExecutorService lanes = Executors.newFixedThreadPool(LANES);
        List<Future<Lane>> results = new ArrayList<>();
        for (int lane = 0; lane < LANES; lane++) {
            Lane l = new Lane(lane, new Random(seed + lane));
            results.add(lanes.submit(() -> l.run(KILLS / LANES)));
        }
        lanes.shutdown();
        int confirmedItems = 0;
        int sentItems = 0;
        for (Future<Lane> result : results) {
            Lane lane = result.get(15, TimeUnit.MINUTES);
            assertThat(lane.reused).as("numbers confirmed twice (seed %d)", seed).isEmpty();
            assertThat(lane.confirmed).hasSizeGreaterThan(KILLS / LANES);
            confirmedItems += lane.confirmed.size();
            sentItems += lane.sent.get();
        }
        System.out.printf("DurabilityIT: %d kills, %d items confirmed of %d sent, %.1f s%n", KILLS, confirmedItems,
                sentItems, (System.nanoTime() - started) / 1e9);
    }

    /** One bot, killed and restarted again and again, with what it confirmed. */
    private final class Lane {

        final Map<Long, String> confirmed = new ConcurrentHashMap<>();
        final List<String> reused = new CopyOnWriteArrayList<>();
        final AtomicInteger sent = new AtomicInteger();
        private final int number;
        private final Random random;

        Lane(int number, Random random) {
            this.number = number;
            this.random = random;
        }

        Lane run(int kills) throws InterruptedException {
            try (PackagedBot bot = new PackagedBot(tmp.resolve("data-" + number), Map.of(
                    "opsbot.slack.bot-token", FakeSlackApi.TOKEN, "opsbot.slack.signing-secret", SECRET,
                    "opsbot.slack.api-base-url", slack.apiBaseUrl())).start()) {
                for (int kill = 1; kill <= kills; kill++) {
                    SignedSlackRequests slackToBot = new SignedSlackRequests(bot.baseUrl() + "/slack/events", SECRET);
                    assertThat(capture(slackToBot)).as("a confirmation before kill %d", kill).isTrue();
                    long delay = random.nextInt(1001);
                    AtomicBoolean writing = new AtomicBoolean(true);
                    List<Thread> writers = new ArrayList<>();
                    for (int w = 0; w < 2; w++) {
                        Thread writer = new Thread(() -> {
                            while (writing.get()) {
                                capture(slackToBot);
                            }
                        });
                        writer.start();
                        writers.add(writer);
                    }
                    PackagedBot.sleep(delay);
                    bot.kill();
                    writing.set(false);
                    for (Thread writer : writers) {
                        writer.join();
                    }
                    bot.start();
                    try (MongoClient mongo = MongoClients.create(bot.mongoUri())) {
                        assertAllConfirmedStored(mongo.getDatabase("opsbot").getCollection("feedback"),
                                "after kill " + kill + " of bot " + number + " (" + delay
                                        + " ms after a confirmation)");
                    }
                }
            }
            return this;
        }

        /** Sends one new item; true if the bot confirmed it. A request cut off by the kill is no confirmation. */
        private boolean capture(SignedSlackRequests slackToBot) {
            int n = sent.incrementAndGet();
            String summary = "Durable item " + n;
            HttpResponse<String> response;
            try {
                response = slackToBot.slashCommand(Map.of("command", "/feedback", "text", summary + " #billing",
                        "enterprise_id", "", "user_id", "U" + (1000 + n % 97)));
            } catch (IllegalStateException cutOff) {
                return false;
            }
            Matcher saved = SAVED.matcher(response.body());
            if (response.statusCode() != 200 || !saved.find()) {
                return false;
            }
            long number = Long.parseLong(saved.group(1));
            String earlier = confirmed.putIfAbsent(number, summary);
            if (earlier != null) {
                reused.add("FB-" + number + " confirmed for \"" + earlier + "\" and for \"" + summary + "\"");
            }
            return true;
        }

        private void assertAllConfirmedStored(MongoCollection<Document> feedback, String when) {
            Map<Long, String> stored = new java.util.HashMap<>();
            for (Document item : feedback.find()) {
                String before = stored.put(item.get("number", Number.class).longValue(), item.getString("summary"));
                if (before != null) {
                    fail("FB-" + item.get("number") + " stored twice " + when);
                }
            }
            confirmed.forEach((number, summary) -> {
                if (!summary.equals(stored.get(number))) {
                    fail("FB-" + number + " (\"" + summary + "\") was confirmed but is " + (stored.containsKey(number)
                            ? "stored as \"" + stored.get(number) + "\"" : "missing") + " " + when);
                }
            });
            assertThat(reused).as("numbers confirmed twice " + when).isEmpty();
        }
    }
}
