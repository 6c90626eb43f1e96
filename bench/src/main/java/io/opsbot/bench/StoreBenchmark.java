package io.opsbot.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Scenario {@code store}: the packaged bot's embedded database at 100,000 feedback items (the data of {@code growth}),
 * driven through its wire port with the real driver, the bot idle: how long the first start took (it moves a file
 * written by an older version over), one read of every item's id (a scan, as any query not by id is), then reads and
 * updates of random items by id, twice: on the first start and on a second start of the same file (a cold cache
 * each time). Run it with two jars ({@code -Dbench.bot-jar}) to compare how they store documents.
 *
 * <pre>java -Dloader.main=io.opsbot.bench.Bench -jar bench/target/bench-0.1.0-SNAPSHOT.jar store [items] [reads]
 *      [updates]</pre>
 */
final class StoreBenchmark {

    private StoreBenchmark() {
    }

    static void run(BenchArgs args) throws Exception {
        int items = args.intAt(0, 100_000);
        int reads = args.intAt(1, 3_000);
        int updates = args.intAt(2, 1_000);
        Path data = Files.createTempDirectory("opsbot-bench-store");
        GrowthBenchmark.seeded(data.resolve("db"), items);
        Table table = new Table("start", "ready in s", "scan of every id, ms", "find by id, ms each",
                "update by id, ms each");
        for (String start : List.of("first (moves an older file over)", "second")) {
            int port = BotProcess.freePort();
            try (BotProcess bot = BotProcess.start(BotProcess.RECOMMENDED_JVM, args.botJar(), List.of(
                    "--opsbot.embedded-mongo.data-dir=" + data.resolve("db"), "--opsbot.embedded-mongo.port=" + port,
                    "--opsbot.teams.local-mode=true", "--logging.level.root=warn"), data.resolve("bot.log"));
                 MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
                double ready = bot.awaitReady("/actuator/health/readiness", Duration.ofSeconds(600));
                MongoCollection<Document> feedback = client.getDatabase("opsbot").getCollection("feedback");
                long scanStart = System.nanoTime();
                List<Object> ids = new ArrayList<>();
                for (Document item : feedback.find().projection(Projections.include("_id")).batchSize(5_000)) {
                    ids.add(item.get("_id"));
                }
                double scan = (System.nanoTime() - scanStart) / 1e6;
                Random random = new Random(42);
                long readStart = System.nanoTime();
                for (int i = 0; i < reads; i++) {
                    feedback.find(Filters.eq("_id", ids.get(random.nextInt(ids.size())))).first();
                }
                double read = (System.nanoTime() - readStart) / 1e6 / reads;
                long updateStart = System.nanoTime();
                for (int i = 0; i < updates; i++) {
                    feedback.updateOne(Filters.eq("_id", ids.get(random.nextInt(ids.size()))),
                            Updates.set("details", "Seen again " + i));
                }
                double update = (System.nanoTime() - updateStart) / 1e6 / updates;
                table.row(start, String.format("%.1f", ready), Table.ms(scan), String.format("%.2f", read),
                        String.format("%.2f", update));
            }
        }
        System.out.printf("store: %,d feedback items, %,d reads and %,d updates by id, one client, %s, load %s%n",
                items, reads, updates, args.botJar().getFileName(), Machine.load());
        table.print();
    }
}
