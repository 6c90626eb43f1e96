package io.opsbot.bench;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.opsbot.core.conversation.ConversationEngine;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.slack.testing.FakeSlackApi;
import org.h2.mvstore.MVStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Scenario {@code growthcount}: the database commands each command of {@code growth} sends, by collection and the
 * fields it filters on, at each data size. Counts do not depend on the machine's load, so they say where a command
 * scans (the embedded server uses an index only for exactly a unique index's fields) even on a busy machine. The data
 * is seeded as {@code growth} seeds it; the core then runs in-process on that database file (fresh, as after a
 * start) and each command is sent through the conversation engine {@code calls} times after one warm-up call.
 *
 * <pre>java -jar bench/target/bench-0.1.0-SNAPSHOT.jar growthcount [calls=5] [sizes=0 100000]</pre>
 * {@code -Dbench.seeded=<folder>} starts from a copy of that folder's database file instead of seeding (one size).
 */
final class GrowthCounts {

    private GrowthCounts() {
    }

    static void run(BenchArgs args) throws Exception {
        int calls = args.intAt(0, 5);
        List<Integer> sizes = args.values().size() > 1
                ? args.values().subList(1, args.values().size()).stream()
                .map(v -> Integer.parseInt(v.replace("_", ""))).toList()
                : List.of(0, 100_000);
        for (int size : sizes) {
            Path data = Files.createTempDirectory("opsbot-bench-growthcount");
            String seeded = System.getProperty("bench.seeded");
            if (seeded != null) {
                // A copy of a database seeded before (A/B runs on the same data, without seeding twice).
                Files.createDirectories(data.resolve("db"));
                Files.copy(Path.of(seeded, "opsbot.mv.db"), data.resolve("db").resolve("opsbot.mv.db"));
            } else {
                GrowthBenchmark.seed(data.resolve("db"), size, 2_000, 10_000);
            }
            count(data.resolve("db"), size, calls);
        }
    }

    private static void count(Path dir, int size, int calls) throws Exception {
        MVStore store = new MVStore.Builder().fileName(dir.resolve("opsbot.mv.db").toString()).open();
        MongoServer mongo = new MongoServer(new H2Backend(store));
        mongo.bind("127.0.0.1", 0);
        long opened = System.nanoTime();
        try (BenchBot bot = new BenchBot(mongo, "spring.quartz.auto-startup=false")) {
            System.out.printf("growthcount: %,d items, context up in %.1f s%n", size,
                    (System.nanoTime() - opened) / 1e9);
            ConversationEngine engine = bot.bean(ConversationEngine.class);
            TenantRef tenant = TenantRef.slack(FakeSlackApi.TEAM_ID);
            IntFunction<Invoker> person = i -> new Invoker(new UserRef(tenant, String.format("UP%05d", i % 10_000)),
                    "Person " + i, null, true, null);
            Invoker admin = new Invoker(new UserRef(tenant, "UADMIN"), "Admin", null, true, null);
            engine.onCommand(admin, "feedback", "areas");
            Map<String, IntFunction<Runnable>> commands = new LinkedHashMap<>();
            commands.put("feedback <text>", i -> () -> engine.onCommand(person.apply(i), "feedback",
                    "Export to CSV times out count " + i + " #billing"));
            commands.put("feedback list", i -> () -> engine.onCommand(person.apply(i), "feedback", "list"));
            commands.put("feedback search", i -> () -> engine.onCommand(person.apply(i), "feedback",
                    "search export status:open"));
            commands.put("feedback status", i -> () -> engine.onCommand(admin, "feedback",
                    "status FB-" + (1 + i % Math.max(100, size)) + (i % 2 == 0 ? " planned" : " under-review")));
            commands.put("okr mine", i -> () -> engine.onCommand(person.apply(i), "okr", "mine"));
            commands.put("okr report", i -> () -> engine.onCommand(person.apply(i), "okr", "report"));
            commands.put("home", i -> () -> engine.onCommand(person.apply(i), "home", ""));
            int call = 0;
            for (Map.Entry<String, IntFunction<Runnable>> command : commands.entrySet()) {
                long first = System.nanoTime();
                command.getValue().apply(call++).run();
                double firstMs = (System.nanoTime() - first) / 1e6;
                BenchBot.COMMANDS.reset();
                long start = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    command.getValue().apply(call++).run();
                }
                System.out.printf("%n%s at %,d items: first call %.0f ms, then %.1f ms per call; database commands "
                        + "of %d calls:%n", command.getKey(), size, firstMs, (System.nanoTime() - start) / 1e6 / calls,
                        calls);
                BenchBot.COMMANDS.top(12).print();
            }
        } finally {
            mongo.shutdownNow();
            store.close();
        }
    }
}
