package io.opsbot.bench;

import io.opsbot.slack.testing.FakeSlackApi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Scenario {@code footprint}: the packaged bot started as an operator starts it (the recommended heap settings,
 * embedded database, Slack over HTTP and Teams), timed from process start until its readiness probe answers 200, and
 * its resident memory once ready and after idling. Several starts: the first on an empty data folder, the others on
 * the data the first left.
 *
 * <pre>java -Dloader.main=io.opsbot.bench.Bench -jar bench/target/bench-0.1.0-SNAPSHOT.jar footprint [starts]
 *      [idle seconds]</pre>
 */
final class FootprintBenchmark {

    private FootprintBenchmark() {
    }

    static void run(BenchArgs args) throws Exception {
        int starts = args.intAt(0, 3);
        int idle = args.intAt(1, 30);
        Path data = Files.createTempDirectory("opsbot-bench-footprint");
        Table table = new Table("start", "data folder", "start-up to ready", "RSS when ready", "RSS after idle",
                "load before");
        try (FakeSlackApi slack = new FakeSlackApi()) {
            for (int start = 1; start <= starts; start++) {
                String load = Machine.load();
                try (BotProcess bot = BotProcess.start(BotProcess.RECOMMENDED_JVM, args.botJar(), List.of(
                        "--opsbot.embedded-mongo.data-dir=" + data.resolve("db"),
                        "--opsbot.slack.signing-secret=" + Requests.SIGNING_SECRET,
                        "--opsbot.slack.bot-token=" + FakeSlackApi.TOKEN,
                        "--opsbot.slack.api-base-url=" + slack.apiBaseUrl(), "--opsbot.teams.local-mode=true"),
                        data.resolve("bot-" + start + ".log"))) {
                    double ready = bot.awaitReady("/actuator/health/readiness", Duration.ofSeconds(120));
                    long rssReady = bot.rssMb();
                    Thread.sleep(idle * 1000L);
                    table.row(Integer.toString(start), start == 1 ? "empty" : "kept", String.format("%.1f s", ready),
                            rssReady + " MB", bot.rssMb() + " MB", load);
                }
            }
        }
        System.out.printf("footprint: %d cores, JVM %s, heap settings %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), String.join(" ", BotProcess.RECOMMENDED_JVM));
        table.print();
    }
}
