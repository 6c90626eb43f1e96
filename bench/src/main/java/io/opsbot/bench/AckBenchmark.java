package io.opsbot.bench;

import io.opsbot.slack.testing.FakeSlackApi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Scenario {@code ack}: the packaged bot against the floor ({@link BareApps}: the same web server with a bare Bolt app
 * that verifies and acknowledges, and a bare Teams endpoint that parses and answers 200), from outside, side by side
 * under the same closed-loop load: signed {@code /feedback <text>} slash commands (the bot stores each and answers
 * "Saved as FB-n") and Teams {@code feedback <text>} message activities (the bot stores each and posts its reply to
 * a fake Bot Connector before answering 200). Both run as child processes with the recommended heap settings, each
 * warmed up first; the phases alternate so a change in the machine's load hits both. Each row also shows the CPU time
 * (user + system, all threads) the answering process used per request: from the phase's start until it is idle again
 * after it, so work a request leaves for later (a reply posted after the 200, a queued triage post) counts too.
 *
 * <p>A third row per kind is the {@link StoringFloor}: the bare app verifying, numbering and storing each item in the
 * bot's embedded database (same server, same disk) before answering. It is what no bot that saves before it confirms
 * can go below; its CPU counts the bare app's and the bot's process (the database runs in the bot).
 *
 * <pre>java -Dloader.main=io.opsbot.bench.Bench -jar bench/target/bench-0.1.0-SNAPSHOT.jar ack [clients] [seconds]
 *      [rounds]</pre>
 */
final class AckBenchmark {

    /** Rows per kind of request, in this order: the bot, the bare floor, the storing floor. */
    private static final int PER_KIND = 3;

    private AckBenchmark() {
    }

    static void run(BenchArgs args) throws Exception {
        int clients = args.intAt(0, 10);
        int seconds = args.intAt(1, 20);
        int rounds = args.intAt(2, 3);
        Path data = Files.createTempDirectory("opsbot-bench-ack");
        int mongoPort = BotProcess.freePort();
        try (FakeSlackApi slack = new FakeSlackApi(); FakeConnector connector = new FakeConnector();
             BotProcess bot = BotProcess.start(BotProcess.RECOMMENDED_JVM, args.botJar(), List.of(
                     "--opsbot.embedded-mongo.data-dir=" + data.resolve("db"),
                     "--opsbot.embedded-mongo.port=" + mongoPort,
                     "--opsbot.slack.signing-secret=" + Requests.SIGNING_SECRET,
                     "--opsbot.slack.bot-token=" + FakeSlackApi.TOKEN,
                     "--opsbot.slack.api-base-url=" + slack.apiBaseUrl(), "--opsbot.teams.local-mode=true",
                     "--logging.level.root=warn"), data.resolve("bot.log"));
             BotProcess bare = BotProcess.start(withMain(BareApps.class), args.benchJar(), List.of(
                     "--bench.signing-secret=" + Requests.SIGNING_SECRET, "--bench.slack-api=" + slack.apiBaseUrl(),
                     "--bench.bot-token=" + FakeSlackApi.TOKEN,
                     "--bench.mongo-uri=mongodb://127.0.0.1:" + mongoPort), data.resolve("bare.log"))) {
            bot.awaitReady("/actuator/health/readiness", Duration.ofSeconds(120));
            bare.awaitReady("/ready", Duration.ofSeconds(120));
            List<BotProcess> both = List.of(bare, bot);
            Target[] targets = {
                new Target("Slack /feedback", "bot", List.of(bot), slack(bot, "/slack/events"), "Saved as FB-"),
                new Target("Slack /feedback", "bare Bolt", List.of(bare), slack(bare, "/slack/events"), null),
                new Target("Slack /feedback", "storing floor", both, slack(bare, "/slack/stored"), "Saved as FB-"),
                new Target("Teams message", "bot", List.of(bot), teams(bot, "/api/messages", connector), null),
                new Target("Teams message", "bare endpoint", List.of(bare), teams(bare, "/api/messages", connector),
                        null),
                new Target("Teams message", "storing floor", both, teams(bare, "/api/stored-messages", connector),
                        null)};
            System.out.printf("ack: %d clients, %d s per phase, %d rounds, %d cores, load %s%n", clients, seconds,
                    rounds, Runtime.getRuntime().availableProcessors(), Machine.load());
            // Requests each target answered as expected, warm-up included: the bot's are checked against what it stored.
            long[] answered = new long[targets.length];
            for (int t = 0; t < targets.length; t++) {
                HttpLoad.Result warm = HttpLoad.run(clients, Duration.ofSeconds(Math.max(5, seconds / 2)),
                        targets[t].calls, targets[t].expect);
                answered[t] += warm.requests() - warm.errors();
            }
            Table table = new Table("round", "requests", "target", "req/s", "p50 ms", "p99 ms", "max ms",
                    "errors", "over 3 s", "req/s vs floor", "p99 vs floor", "req/s vs storing floor",
                    "p99 vs storing floor", "CPU ms/req");
            List<HttpLoad.Result[]> all = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                HttpLoad.Result[] results = new HttpLoad.Result[targets.length];
                double[] cpu = new double[targets.length];
                for (int t = 0; t < targets.length; t++) {
                    double before = targets[t].cpuSeconds();
                    results[t] = HttpLoad.run(clients, Duration.ofSeconds(seconds), targets[t].calls,
                            targets[t].expect);
                    cpu[t] = targets[t].cpuAfterSettling() - before;
                }
                all.add(results);
                for (int t = 0; t < targets.length; t++) {
                    HttpLoad.Result r = results[t];
                    answered[t] += r.requests() - r.errors();
                    HttpLoad.Result floor = results[t - t % PER_KIND + 1];
                    HttpLoad.Result storing = results[t - t % PER_KIND + 2];
                    boolean isBot = t % PER_KIND == 0;
                    table.row(Integer.toString(round), targets[t].requests, targets[t].name,
                            Table.num(r.perSecond()), Table.ms(r.p50()), Table.ms(r.p99()), Table.ms(r.max()),
                            Integer.toString(r.errors()), Long.toString(r.over(Duration.ofSeconds(3))),
                            t % PER_KIND != 1 ? Table.ratio(r.perSecond() / floor.perSecond()) : "",
                            t % PER_KIND != 1 ? Table.ratio(r.p99() / floor.p99()) : "",
                            isBot ? Table.ratio(r.perSecond() / storing.perSecond()) : "",
                            isBot ? Table.ratio(r.p99() / storing.p99()) : "",
                            Table.ms(cpu[t] * 1000 / Math.max(1, r.requests())));
                }
            }
            table.print();
            System.out.printf("bot RSS after the load %d MB; fake connector got %d posts; load %s%n", bot.rssMb(),
                    connector.posts(), Machine.load());
            System.out.printf("FB numbers the bot gave out: Slack %d for %d captures answered, Teams %d for %d%n",
                    numbered(mongoPort, "SLACK:" + FakeSlackApi.TEAM_ID), answered[0],
                    numbered(mongoPort, "TEAMS:" + Requests.TEAMS_TENANT), answered[PER_KIND]);
        }
    }

    /** One side of a phase; {@code processes} are those whose CPU time the phase's requests are charged. */
    private record Target(String requests, String name, List<BotProcess> processes,
                          IntFunction<HttpLoad.Call> calls, String expect) {

        double cpuSeconds() throws java.io.IOException {
            double sum = 0;
            for (BotProcess process : processes) {
                sum += process.cpuSeconds();
            }
            return sum;
        }

        double cpuAfterSettling() throws java.io.IOException, InterruptedException {
            double sum = 0;
            for (BotProcess process : processes) {
                sum += process.cpuAfterSettling();
            }
            return sum;
        }
    }

    /**
     * Every request of the run gets an id of its own (a Slack trigger id, a Teams activity id), across phases: each
     * phase counts its requests from 0, and until 2026-12-04 the ids were taken from that count, so a phase repeated
     * the ids of the warm-up and of the rounds before it. The bot answers a Teams activity id it has seen as a retry
     * (200, nothing stored), so part of every Teams row after the warm-up measured that, not a capture.
     */
    private static final java.util.concurrent.atomic.AtomicLong REQUEST_IDS =
            new java.util.concurrent.atomic.AtomicLong(System.currentTimeMillis() * 1000);

    private static IntFunction<HttpLoad.Call> slack(BotProcess target, String path) {
        return i -> Requests.slash(target.uri(path), "/feedback",
                "Bench item " + i + " export is slow #billing", String.format("UB%04d", i % 3000),
                REQUEST_IDS.incrementAndGet());
    }

    private static IntFunction<HttpLoad.Call> teams(BotProcess target, String path, FakeConnector connector) {
        return i -> Requests.teamsMessage(target.uri(path), connector.serviceUrl(),
                "feedback Bench item " + i + " export is slow #billing", i % 3000, REQUEST_IDS.incrementAndGet());
    }

    /**
     * How many feedback numbers the bot gave out in the tenant: its FB counter, read by id. Each capture answered must
     * have taken one. Not a count of the items: the embedded server answers that by decoding every item, which at
     * 20,000 items ran the bot (192 MB heap) out of memory.
     */
    private static long numbered(int mongoPort, String tenantKey) {
        // The driver logs its connection at INFO through the bench's default logging: not part of the table.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.mongodb.driver"))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        try (com.mongodb.client.MongoClient client = com.mongodb.client.MongoClients.create(
                "mongodb://127.0.0.1:" + mongoPort)) {
            org.bson.Document counter = client.getDatabase("opsbot").getCollection("counters")
                    .find(new org.bson.Document("_id", "feedback:" + tenantKey)).first();
            return counter == null ? 0 : counter.get("value", Number.class).longValue();
        }
    }

    static List<String> withMain(Class<?> main) {
        List<String> jvm = new ArrayList<>(BotProcess.RECOMMENDED_JVM);
        jvm.add("-Dloader.main=" + main.getName());
        return jvm;
    }
}
