package io.opsbot.bench;

import io.opsbot.core.conversation.ConversationEngine;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.feedback.FeedbackDraft;
import io.opsbot.core.feedback.FeedbackItem;
import io.opsbot.core.feedback.FeedbackQuery;
import io.opsbot.core.feedback.FeedbackSearch;
import io.opsbot.core.feedback.FeedbackSource;
import io.opsbot.core.feedback.FeedbackType;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.sequence.SequenceService;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.slack.testing.FakeSlackApi;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code feedback export} of a tenant with 10,000 items, on the real core and Slack adapter against the fake Slack Web
 * API and an in-process mongo-java-server: the time from the command until the CSV is in the person's DM
 * (files.completeUploadExternal answered), for everything and for a filtered export (Lucene index built from MongoDB
 * first), and a search once the index is warm.
 *
 * <pre>mvn -B -q -pl bench -am package -DskipTests
 * java -Dloader.main=io.opsbot.bench.FeedbackExportBenchmark -jar bench/target/bench-0.1.0-SNAPSHOT.jar [items]</pre>
 */
public final class FeedbackExportBenchmark {

    private static final String[] AREAS = {"onboarding", "billing", "reporting", "integrations", "mobile"};
    private static final String[] WORDS = {"export", "csv", "timeout", "dashboard", "invoice", "sync", "calendar",
            "mobile", "offline", "slow", "search", "filter", "report", "login", "sso", "okta", "webhook", "api"};
    private static final String[] CUSTOMERS = {"Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark, Inc."};

    private FeedbackExportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        try (BenchBot bot = new BenchBot("spring.quartz.auto-startup=false")) {
            FakeSlackApi slack = bot.slack;
            ConfigurableApplicationContext app = bot.app;
            TenantRef tenant = TenantRef.slack(FakeSlackApi.TEAM_ID);
            System.out.printf("Storing %d feedback items%n", count);
            store(app.getBean(MongoTemplate.class), app.getBean(SequenceService.class), tenant, count);
            ConversationEngine engine = app.getBean(ConversationEngine.class);
            Invoker pm = new Invoker(new UserRef(tenant, "UBENCHPM"), "Pat PM",
                    new Destination.Channel(tenant, "C0BENCH"), false, null);

            Result all = export(engine, slack, pm, "export");
            Result filtered = export(engine, slack, pm, "export #reporting status:open");
            Result again = export(engine, slack, pm, "export");

            FeedbackSearch search = app.getBean(FeedbackSearch.class);
            // What another instance pays once to catch up: its index rebuilt from MongoDB.
            List<Long> rebuilds = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                FeedbackSearch fresh = new FeedbackSearch(app.getBean(MongoTemplate.class),
                        app.getBean(SequenceService.class), java.time.Clock.systemUTC(), Runnable::run);
                long buildStart = System.nanoTime();
                fresh.search(tenant, FeedbackQuery.ALL, 0, 1);
                rebuilds.add((System.nanoTime() - buildStart) / 1_000_000);
            }
            long searchStart = System.nanoTime();
            int searches = 100;
            for (int i = 0; i < searches; i++) {
                search.search(tenant, new FeedbackQuery(WORDS[i % WORDS.length] + " " + WORDS[(i + 3) % WORDS.length],
                        null, null, false, null, null, null), 0, 10);
            }
            double perSearch = (System.nanoTime() - searchStart) / 1e6 / searches;

            Runtime rt = Runtime.getRuntime();
            System.out.println("---- feedback export benchmark ----");
            System.out.printf("items=%d processors=%d%n", count, rt.availableProcessors());
            all.print("export, everything (first)");
            filtered.print("export #reporting status:open (Lucene index built)");
            again.print("export, everything (again)");
            System.out.printf("search, warm index: %.1f ms per query (%d queries)%n", perSearch, searches);
            System.out.printf("index rebuilt from MongoDB by another instance: %s ms%n", rebuilds);
            System.out.printf("heap used=%d MB%n", (rt.totalMemory() - rt.freeMemory()) >> 20);
        }
    }

    private record Result(long items, long bytes, Duration answered, Duration uploaded) {
        void print(String what) {
            System.out.printf("%-52s rows=%d csv=%d KB answered in %d ms, in the DM after %d ms%n", what, items,
                    bytes >> 10, answered.toMillis(), uploaded.toMillis());
        }
    }

    /** The command in, the time until its answer and until Slack confirmed the shared file. */
    private static Result export(ConversationEngine engine, FakeSlackApi slack, Invoker pm, String command)
            throws InterruptedException {
        slack.reset();
        Instant start = Instant.now();
        Response answer = engine.onCommand(pm, "/feedback", command);
        Duration answered = Duration.between(start, Instant.now());
        if (!(answer instanceof Response.Reply reply) || !reply.message().summary().startsWith("📄 Exporting")) {
            throw new IllegalStateException("unexpected answer " + answer);
        }
        while (slack.calls("files.completeUploadExternal").isEmpty()) {
            if (Duration.between(start, Instant.now()).toSeconds() > 120) {
                throw new IllegalStateException("no upload within 2 minutes");
            }
            Thread.sleep(5);
        }
        Duration uploaded = Duration.between(start, Instant.now());
        String fileId = slack.calls("files.getUploadURLExternal").get(0).response().get("file_id").getAsString();
        byte[] csv = slack.uploaded(fileId);
        long rows = new String(csv, java.nio.charset.StandardCharsets.UTF_8).split("\r\n").length - 1L;
        return new Result(rows, csv.length, answered, uploaded);
    }

    /** Items shaped like real ones: a summary and details, a type and area, the reporter's vote with a customer. */
    private static void store(MongoTemplate mongo, SequenceService sequences, TenantRef tenant, int count) {
        Instant now = Instant.now();
        List<FeedbackItem> batch = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String summary = WORDS[i % WORDS.length] + " " + WORDS[(i * 7) % WORDS.length] + " is broken for "
                    + CUSTOMERS[i % CUSTOMERS.length] + " (#" + i + ")";
            String details = "Reported on a call: \"" + summary + "\". Steps: open the " + WORDS[(i * 3) % WORDS.length]
                    + " page, choose " + WORDS[(i * 5) % WORDS.length] + ", wait.\nExpected it to work, as it did.";
            FeedbackDraft draft = new FeedbackDraft(summary, details, FeedbackType.values()[i % 5],
                    AREAS[i % AREAS.length], CUSTOMERS[(i * 3) % CUSTOMERS.length], 1 + i % 5,
                    "https://crm.example.com/ticket/" + i);
            batch.add(new FeedbackItem(tenant, sequences.next("feedback:" + tenant.key()),
                    new UserRef(tenant, "U" + (i % 200)), "Person " + (i % 200), draft, FeedbackSource.COMMAND,
                    now.minusSeconds(count - i)));
            if (batch.size() == 1000) {
                mongo.insert(batch, FeedbackItem.class);
                batch.clear();
            }
        }
        mongo.insert(batch, FeedbackItem.class);
    }
}
