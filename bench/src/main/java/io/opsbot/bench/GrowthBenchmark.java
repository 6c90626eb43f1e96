package io.opsbot.bench;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.opsbot.core.access.AccessPolicy;
import io.opsbot.core.access.Role;
import io.opsbot.core.audit.Actor;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.feedback.FeedbackDraft;
import io.opsbot.core.feedback.FeedbackItem;
import io.opsbot.core.feedback.FeedbackService;
import io.opsbot.core.feedback.FeedbackSource;
import io.opsbot.core.feedback.FeedbackType;
import io.opsbot.core.okr.KeyResultDraft;
import io.opsbot.core.okr.KeyResultService;
import io.opsbot.core.okr.MetricType;
import io.opsbot.core.okr.Objective;
import io.opsbot.core.okr.ObjectiveDraft;
import io.opsbot.core.okr.ObjectiveService;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.standup.Standup;
import io.opsbot.core.standup.StandupNudges;
import io.opsbot.core.standup.StandupRepository;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.slack.testing.FakeSlackApi;
import org.h2.mvstore.MVStore;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.convert.MongoConverter;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * Scenario {@code growth}: how command latency grows with data. For each size (0, 10,000 and 100,000 feedback items
 * in the workspace, always with 2,000 standups and 10,000 people) the data is written into an embedded database file
 * first (with the feedback search index on disk, as a bot that grew to that size has it); then the packaged bot
 * (recommended heap settings) is started on it and driven from outside with signed slash commands, 10 concurrent
 * clients: capture, {@code list}, {@code search}, {@code status}, {@code vote}, the person's standups,
 * {@code /okr mine} and {@code report}, {@code /home}, and the App Home tab (a signed {@code app_home_opened} event,
 * measured until the fake Slack API receives its {@code views.publish}, which the bot makes after the ack). Prints
 * p50/p99 per command and size (medians over the rounds), the growth against the empty database in each round, the
 * bots' start-up times and their resident memory after the load. One bot per size runs the whole time; the sizes
 * take turns command by command ({@code -Dbench.growth.rounds}, default 3), so a busy moment of the machine does not
 * land on one size only.
 *
 * <pre>java -Dloader.main=io.opsbot.bench.Bench -jar bench/target/bench-0.1.0-SNAPSHOT.jar growth [clients]
 *      [seconds] [sizes...]</pre>
 */
final class GrowthBenchmark {

    private static final String[] TOPICS = {"Export to CSV times out", "Dark mode for the dashboard",
        "Search misses archived projects", "SSO login loops on Safari", "Billing page shows the wrong currency",
        "Mobile app crashes on upload", "Slack notifications arrive twice", "Add a Jira integration",
        "Reports load slowly for big teams", "Calendar sync drops recurring events"};
    private static final String[] AREAS = {"billing", "reporting", "mobile", "search", "auth"};

    /**
     * How many people {@code /feedback list} is measured for (the first ones), and how many items each sends before:
     * the list shows a person's five newest.
     */
    private static final int LIST_PEOPLE = 100;
    private static final int LIST_OWN = 5;

    /** How many people own key results (the first ones). */
    private static final int OKR_OWNERS = 200;

    private GrowthBenchmark() {
    }

    static void run(BenchArgs args) throws Exception {
        int clients = args.intAt(0, 10);
        int seconds = args.intAt(1, 15);
        List<Integer> sizes = args.values().size() > 2
                ? args.values().subList(2, args.values().size()).stream()
                .map(v -> Integer.parseInt(v.replace("_", ""))).toList()
                : List.of(0, 10_000, 100_000);
        // The sizes are measured side by side, in rounds, each command on every size before the next command, in
        // the other order each round: what the machine does meanwhile (other work, this bench's own load) falls on
        // all sizes alike, and the rounds show how far one run of a command moves.
        int rounds = Integer.getInteger("bench.growth.rounds", 3);
        // -Dbench.growth.last-jvm="...": options for the last bot only, so that "growth 10 8 100000 100000" measures a
        // JVM option side by side with the recommended settings, on the same data.
        String lastJvm = System.getProperty("bench.growth.last-jvm", "").trim();
        List<SizedBot> bots = new ArrayList<>();
        // By bot, not by size: the same size may be given twice.
        Map<String, Map<SizedBot, List<HttpLoad.Result>>> results = new LinkedHashMap<>();
        Map<String, Double> drains = new LinkedHashMap<>();
        try {
            for (int i = 0; i < sizes.size(); i++) {
                List<String> jvm = new ArrayList<>(BotProcess.RECOMMENDED_JVM);
                String label = String.format("%,d items", sizes.get(i));
                if (i == sizes.size() - 1 && !lastJvm.isEmpty()) {
                    jvm.addAll(List.of(lastJvm.split("\\s+")));
                    label += " (" + lastJvm + ")";
                }
                bots.add(SizedBot.start(args, sizes.get(i), label, jvm));
            }
            // -Dbench.growth.only=capture,list: only the commands whose name contains one of these words.
            List<String> only = List.of(System.getProperty("bench.growth.only", "").split(",")).stream()
                    .map(String::trim).filter(word -> !word.isEmpty()).toList();
            for (String command : bots.get(0).commands.keySet()) {
                if (!only.isEmpty() && only.stream().noneMatch(command::contains)) {
                    continue;
                }
                for (int round = 0; round < rounds; round++) {
                    List<SizedBot> order = new ArrayList<>(bots);
                    if (round % 2 == 1) {
                        java.util.Collections.reverse(order);
                    }
                    for (SizedBot sized : order) {
                        IntFunction<HttpLoad.Call> calls = sized.commands.get(command);
                        // Warm-up, then the measured run.
                        HttpLoad.run(clients, Duration.ofSeconds(Math.max(3, seconds / 3)), calls, null);
                        HttpLoad.Result result = HttpLoad.run(clients, Duration.ofSeconds(seconds), calls, null);
                        results.computeIfAbsent(command, k -> new LinkedHashMap<>())
                                .computeIfAbsent(sized, k -> new ArrayList<>()).add(result);
                        // What a command left to send (a status change's DM and triage card edit, Home tabs) is
                        // sent before the next run, or it would be measured as part of the next command's cost.
                        drains.merge(command, sized.awaitOutboxDrained(), Math::max);
                        if (result.errors() > 0) {
                            System.out.printf("  %s at %,d items, round %d: %d errors%n", command, sized.size,
                                    round + 1, result.errors());
                        }
                    }
                }
            }
            for (SizedBot sized : bots) {
                sized.reportAfterTheLoad();
            }
        } finally {
            for (SizedBot sized : bots) {
                sized.close();
            }
        }
        List<String> header = new ArrayList<>(List.of("command"));
        for (SizedBot sized : bots) {
            header.add(sized.label + " p50 / p99 ms");
        }
        header.add("p50 largest vs first, median (rounds)");
        header.add("p99 largest vs first, median (rounds)");
        header.add("outbox sent after, longest s");
        Table table = new Table(header.toArray(String[]::new));
        for (Map.Entry<String, Map<SizedBot, List<HttpLoad.Result>>> command : results.entrySet()) {
            List<String> row = new ArrayList<>(List.of(command.getKey()));
            for (SizedBot sized : bots) {
                List<HttpLoad.Result> runs = command.getValue().get(sized);
                row.add(Table.ms(median(runs.stream().map(HttpLoad.Result::p50).toList())) + " / "
                        + Table.ms(median(runs.stream().map(HttpLoad.Result::p99).toList())) + " ("
                        + Table.num(median(runs.stream().map(HttpLoad.Result::perSecond).toList())) + "/s)");
            }
            List<HttpLoad.Result> first = command.getValue().get(bots.get(0));
            List<HttpLoad.Result> last = command.getValue().get(bots.get(bots.size() - 1));
            List<Double> p50 = new ArrayList<>();
            List<Double> p99 = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                p50.add(last.get(round).p50() / first.get(round).p50());
                p99.add(last.get(round).p99() / first.get(round).p99());
            }
            row.add(ratios(p50));
            row.add(ratios(p99));
            row.add(String.format("%.1f", drains.get(command.getKey())));
            table.row(row.toArray(String[]::new));
        }
        System.out.printf("growth: %d clients, %d s per command and size, %d rounds, %d cores, 2,000 standups, "
                + "10,000 people%n", clients, seconds, rounds, Runtime.getRuntime().availableProcessors());
        for (SizedBot sized : bots) {
            System.out.printf("  %s: %s%n", sized.label, sized.footprint);
        }
        table.print();
    }

    /** The median ratio and, in brackets, each round's. */
    private static String ratios(List<Double> perRound) {
        return Table.ratio(median(perRound)) + " (" + String.join(", ", perRound.stream().map(Table::ratio).toList())
                + ")";
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** The packaged bot on a database seeded to one size, with its own fake Slack API and its commands. */
    private static final class SizedBot implements AutoCloseable {

        final int size;
        /** Its size, and the options it was given beyond the recommended ones. */
        final String label;
        final Path data;
        final FakeSlackApi slack;
        final BotProcess bot;
        final Map<String, IntFunction<HttpLoad.Call>> commands;
        final double ready;
        final String load;
        private final com.mongodb.client.MongoClient database;
        String footprint = "stopped before the load";

        private SizedBot(int size, String label, Path data, FakeSlackApi slack, BotProcess bot,
                         int mongoPort, double ready, String load) {
            this.size = size;
            this.label = label;
            this.database = com.mongodb.client.MongoClients.create("mongodb://127.0.0.1:" + mongoPort);
            this.data = data;
            this.slack = slack;
            this.bot = bot;
            this.ready = ready;
            this.load = load;
            this.commands = commands(bot, slack);
        }

        static SizedBot start(BenchArgs args, int size, String label, List<String> jvm) throws Exception {
            Path data = Files.createTempDirectory("opsbot-bench-growth");
            seeded(data.resolve("db"), size);
            FakeSlackApi slack = new FakeSlackApi();
            int mongoPort = BotProcess.freePort();
            BotProcess bot = null;
            try {
                List<String> options = new ArrayList<>(List.of(
                        "--opsbot.embedded-mongo.data-dir=" + data.resolve("db"),
                        "--opsbot.slack.signing-secret=" + Requests.SIGNING_SECRET,
                        "--opsbot.slack.bot-token=" + FakeSlackApi.TOKEN,
                        "--opsbot.slack.api-base-url=" + slack.apiBaseUrl(), "--opsbot.teams.enabled=false",
                        // Slack's pace for Home tabs (100 a minute) would be all the App Home measured.
                        "--opsbot.slack.limits.home-publishes-per-minute=1000000",
                        "--opsbot.slack.limits.home-publish-burst=1000",
                        // Reachable from here, to see when the outbox is empty.
                        "--opsbot.embedded-mongo.port=" + mongoPort,
                        "--logging.level.root=warn"));
                // What a command leaves to send is sent at the bot's pace, not Slack's, so that it ends in seconds.
                for (String unpaced : FanoutBenchmark.UNPACED) {
                    options.add("--" + unpaced);
                }
                bot = BotProcess.start(jvm, args.botJar(), options, data.resolve("bot.log"));
                double ready = bot.awaitReady("/actuator/health/readiness", Duration.ofSeconds(300));
                String load = Machine.load();
                // The first command makes its invoker the workspace's admin (allowed to change statuses).
                BotProcess started = bot;
                HttpLoad.run(1, Duration.ofSeconds(1), i -> Requests.slash(started.uri("/slack/events"), "/feedback",
                        "areas", "UADMIN", System.nanoTime()), null);
                sendListPeoplesItems(started);
                return new SizedBot(size, label, data, slack, bot, mongoPort, ready, load);
            } catch (Exception | Error failed) {
                if (bot != null) {
                    bot.close();
                }
                slack.close();
                throw failed;
            }
        }

        /**
         * Each of the {@code /feedback list} people sends {@link #LIST_OWN} items through the bot, so that their list
         * is as long on the empty database as on the largest: what grows with the data is measured, not the answer.
         */
        private static void sendListPeoplesItems(BotProcess bot) throws Exception {
            List<HttpLoad.Call> captures = new ArrayList<>();
            for (int n = 0; n < LIST_PEOPLE * LIST_OWN; n++) {
                captures.add(Requests.slash(bot.uri("/slack/events"), "/feedback", TOPICS[n % TOPICS.length]
                        + " sent before the list " + n, person(n % LIST_PEOPLE), REQUESTS.incrementAndGet()));
            }
            HttpLoad.Result result = HttpLoad.runEach(10, captures);
            if (result.errors() > 0) {
                throw new IllegalStateException(result.errors() + " of the list people's items were refused");
            }
        }

        /** Refused requests as the bot logged them (the reason says why), and its resident memory now. */
        void reportAfterTheLoad() throws java.io.IOException {
            try (java.util.stream.Stream<String> lines = Files.lines(data.resolve("bot.log"))) {
                lines.filter(line -> line.contains("Refused")).forEach(line -> System.out.printf("  bot at %,d "
                        + "items: %s%n", size, line.substring(line.indexOf("Refused"))));
            }
            footprint = String.format("ready in %.1f s, RSS %d MB after the load (load %s at the start)", ready,
                    bot.rssMb(), load);
        }

        /**
         * Waits until the bot's outbox holds nothing left to send (read from its database, every 200 ms, up to
         * 5 minutes); returns how long that took, in seconds.
         */
        double awaitOutboxDrained() throws InterruptedException {
            long started = System.nanoTime();
            long deadline = started + Duration.ofMinutes(5).toNanos();
            // What Outbox.retryDue looks for: messages not sent yet, and sent ones with an edit to make.
            org.bson.Document pending = new org.bson.Document("$or", List.of(new org.bson.Document("state", "PENDING"),
                    new org.bson.Document("state", "SENT").append("updatePending", true)));
            while (database.getDatabase("opsbot").getCollection("deliveries").countDocuments(pending) > 0) {
                if (System.nanoTime() > deadline) {
                    System.out.printf("  the outbox at %,d items was not empty after 5 minutes%n", size);
                    break;
                }
                Thread.sleep(200);
            }
            return (System.nanoTime() - started) / 1e9;
        }

        @Override
        public void close() {
            try {
                database.close();
                bot.close();
            } finally {
                slack.close();
            }
        }
    }

    /**
     * Numbers every request of the run: a warm-up and its measured run both count from 0, so without it request i of
     * each would be the same body, and the same signature when signed in the same second, which the bot refuses as a
     * replay.
     */
    private static final java.util.concurrent.atomic.AtomicLong REQUESTS = new java.util.concurrent.atomic.AtomicLong(
            System.currentTimeMillis() * 1_000);

    private static Map<String, IntFunction<HttpLoad.Call>> commands(BotProcess bot, FakeSlackApi slack) {
        Map<String, IntFunction<HttpLoad.Call>> commands = new LinkedHashMap<>();
        // Status changes sent to this bot so far, across warm-ups and runs (see the status command).
        java.util.concurrent.atomic.AtomicLong statusChanges = new java.util.concurrent.atomic.AtomicLong();
        commands.put("/feedback <text> (capture)", i -> Requests.slash(bot.uri("/slack/events"), "/feedback",
                TOPICS[i % TOPICS.length] + " bench " + i + " #" + AREAS[i % AREAS.length],
                String.format("UC%04d", i % 3000), REQUESTS.incrementAndGet()));
        // The same answer at every size: each of these people sent LIST_OWN items through the bot after it started
        // (SizedBot.start), so their list shows those and the tenant's newest page, 15 items, on every database.
        commands.put("/feedback list", i -> Requests.slash(bot.uri("/slack/events"), "/feedback", "list",
                person(i % LIST_PEOPLE), REQUESTS.incrementAndGet()));
        // Someone with nothing of their own: the tenant's newest page only.
        commands.put("/feedback list (no items of one's own)", i -> Requests.slash(bot.uri("/slack/events"),
                "/feedback", "list", String.format("UN%05d", i % 10_000), REQUESTS.incrementAndGet()));
        commands.put("/feedback search", i -> Requests.slash(bot.uri("/slack/events"), "/feedback",
                "search " + TOPICS[i % TOPICS.length].split(" ")[0].toLowerCase(java.util.Locale.ROOT) + " status:open",
                person(i), REQUESTS.incrementAndGet()));
        // The same 100 items at every size, each call moving one to the other status: a real change (written,
        // audited, its reporter told) every time. Counting per call index made most calls at 0 items ask for the
        // status an item already had, which answers without a write, while at 100,000 each call moved a new item.
        commands.put("/feedback status", i -> {
            long change = statusChanges.getAndIncrement();
            return Requests.slash(bot.uri("/slack/events"), "/feedback", "status FB-" + (1 + change % 100)
                    + ((change / 100) % 2 == 0 ? " planned" : " under-review"), "UADMIN", REQUESTS.incrementAndGet());
        });
        // A "me too" on the same 100 items at every size, each call a person who has not voted on that item yet:
        // a vote is stored only if its person has none on the item, a compare-and-set on the item by id.
        java.util.concurrent.atomic.AtomicLong votes = new java.util.concurrent.atomic.AtomicLong();
        commands.put("/feedback vote", i -> {
            long vote = votes.getAndIncrement();
            return Requests.slash(bot.uri("/slack/events"), "/feedback", "vote FB-" + (1 + vote % 100),
                    person((int) (vote / 100)), REQUESTS.incrementAndGet());
        });
        // Each person below has their own feedback (at 10,000 items and more), is in one standup; the first
        // OKR_OWNERS own key results.
        commands.put("/standup (my standups)", i -> Requests.slash(bot.uri("/slack/events"), "/standup", "",
                person(i), REQUESTS.incrementAndGet()));
        commands.put("/okr mine", i -> Requests.slash(bot.uri("/slack/events"), "/okr", "mine",
                person(i % OKR_OWNERS), REQUESTS.incrementAndGet()));
        commands.put("/okr report", i -> Requests.slash(bot.uri("/slack/events"), "/okr", "report",
                person(i), REQUESTS.incrementAndGet()));
        // The list's people: their home shows their five newest items at every size, as it does their standup and
        // key results (measured for everyone, it showed five items at 100,000 items and none on the empty database).
        commands.put("/home", i -> Requests.slash(bot.uri("/slack/events"), "/home", "", person(i % LIST_PEOPLE),
                REQUESTS.incrementAndGet()));
        // The Home tab is published after the ack: each request is complete when the fake API has its views.publish.
        Map<String, CompletableFuture<Void>> homes = new ConcurrentHashMap<>();
        slack.onCall(call -> {
            CompletableFuture<Void> waiting = "views.publish".equals(call.method())
                    ? homes.remove(call.param("user_id")) : null;
            if (waiting != null) {
                waiting.complete(null);
            }
        });
        commands.put("App Home opened (to views.publish)", i -> {
            String user = person(i);
            CompletableFuture<Void> published = new CompletableFuture<>();
            homes.put(user, published);
            return Requests.appHomeOpened(bot.uri("/slack/events"), user, REQUESTS.incrementAndGet(), published);
        });
        return commands;
    }

    /** People the seed wrote (UP00000...), each the reporter of every 10,000th item and in one standup. */
    private static String person(int i) {
        return String.format("UP%05d", i % 10_000);
    }

    /**
     * The seeded database of this size in {@code db}: written now, or, with {@code -Dbench.growth.seeds=<folder>},
     * copied from the one written there before (seeding 100,000 items takes minutes; a run changes its copy only).
     */
    static void seeded(Path db, int size) throws Exception {
        String seeds = System.getProperty("bench.growth.seeds");
        Path kept = seeds == null ? null : Path.of(seeds, Integer.toString(size));
        if (kept == null || !Files.isDirectory(kept)) {
            Path into = kept == null ? db : Files.createTempDirectory(Files.createDirectories(kept.getParent()),
                    "seeding");
            long seedStart = System.nanoTime();
            seed(into, size, 2_000, 10_000);
            System.out.printf("growth: seeded %,d items, 2,000 standups, 10,000 people in %.0f s%n", size,
                    (System.nanoTime() - seedStart) / 1e9);
            if (kept == null) {
                return;
            }
            Files.move(into, kept);
        }
        try (java.util.stream.Stream<Path> files = Files.walk(kept)) {
            for (Path from : files.toList()) {
                Files.copy(from, db.resolve(kept.relativize(from).toString()));
            }
        }
        System.out.printf("growth: %,d items as seeded in %s%n", size, kept);
    }

    /** Key results owned by the first {@link #OKR_OWNERS} people, four to an objective, ten teams, one cycle. */
    private static void seedOkrs(BenchBot bot, List<UserRef> everyone) {
        Actor manager = Actor.inChat(everyone.get(0), "Person 0");
        bot.bean(AccessPolicy.class).grant(manager.user(), Role.MANAGER);
        ObjectiveService objectives = bot.bean(ObjectiveService.class);
        KeyResultService keyResults = bot.bean(KeyResultService.class);
        for (int o = 0; o < OKR_OWNERS / 4; o++) {
            Objective objective = objectives.create(manager, new ObjectiveDraft(null, "Objective " + o,
                    everyone.get(o * 4), "team " + o % 10, null));
            for (int k = 0; k < 4; k++) {
                keyResults.create(manager, new KeyResultDraft(objective.getId(), "Key result " + o + "." + k,
                        everyone.get(o * 4 + k), MetricType.NUMBER, BigDecimal.ZERO, BigDecimal.valueOf(100),
                        BigDecimal.valueOf(o % 100), null, null));
            }
        }
    }

    /**
     * Today's day of every standup, open, as its prompt leaves it: each participant asked now and answering for four
     * more hours ({@code -Dbench.growth.open-days=true}: a bot started while its standups wait for answers, which
     * schedules every open day's reminder and cutoff again at start-up). Written as the bot stores them.
     */
    private static void openToday(MongoTemplate template, List<Standup> standups) {
        MongoConverter converter = template.getConverter();
        Instant now = Instant.now();
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Berlin"));
        List<org.bson.Document> runs = new ArrayList<>();
        List<org.bson.Document> attendance = new ArrayList<>();
        for (Standup standup : standups) {
            String runId = standup.getId() + "@" + today;
            List<String> ids = new ArrayList<>();
            for (UserRef user : standup.getParticipants()) {
                String id = runId + "#" + user.key();
                ids.add(id);
                attendance.add(new org.bson.Document("_id", id).append("runId", runId)
                        .append("standupId", standup.getId()).append("user", converter.convertToMongoType(user))
                        .append("displayName", "Person " + user.userId()).append("zone", "Europe/Berlin")
                        .append("status", "PROMPTED").append("promptAt", Date.from(now))
                        .append("cutoffAt", Date.from(now.plus(Duration.ofHours(4)))).append("answers", List.of()));
            }
            runs.add(new org.bson.Document("_id", runId).append("standupId", standup.getId())
                    .append("tenant", converter.convertToMongoType(standup.getTenant()))
                    .append("standupName", standup.getName()).append("date", converter.convertToMongoType(today))
                    .append("closed", false).append("createdAt", Date.from(now)).append("attendanceIds", ids)
                    .append("attendanceListed", true));
        }
        template.getCollection("standup_runs").insertMany(runs);
        template.getCollection("standup_attendance").insertMany(attendance);
    }

    /** Writes the workspace's people, standups and feedback into the embedded database file under {@code dir}. */
    static void seed(Path dir, int items, int standups, int people) throws Exception {
        Files.createDirectories(dir);
        MVStore store = new MVStore.Builder().fileName(dir.resolve("opsbot.mv.db").toString()).open();
        MongoServer mongo = new MongoServer(new H2Backend(store));
        mongo.bind("127.0.0.1", 0);
        // The database the packaged bot's embedded server names (opsbot.embedded-mongo.database).
        // Batches of 1,000 inserts can take a while on a busy machine.
        // The search index is kept where the packaged bot keeps it (opsbot.feedback.search.index-dir's default).
        try (BenchBot bot = new BenchBot(mongo, "spring.quartz.auto-startup=false",
                "opsbot.database.read-timeout=10m", "opsbot.feedback.search.index-dir=" + dir.resolve("search-index"))) {
            TenantRef tenant = TenantRef.slack(FakeSlackApi.TEAM_ID);
            ProfileService profiles = bot.bean(ProfileService.class);
            List<UserRef> everyone = new ArrayList<>();
            for (int p = 0; p < people; p++) {
                UserRef user = new UserRef(tenant, String.format("UP%05d", p));
                profiles.seen(new Invoker(user, "Person " + p, null, true, null));
                everyone.add(user);
            }
            StandupRepository standupRepository = bot.bean(StandupRepository.class);
            StandupNudges nudges = bot.bean(StandupNudges.class);
            List<Standup> saved = new ArrayList<>();
            for (int s = 0; s < standups; s++) {
                Standup standup = new Standup(tenant, "Team " + s, everyone.get(s * 5 % people), Instant.now());
                standup.setParticipants(everyone.subList(s * 5 % people, s * 5 % people + 5));
                standup.setDays(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
                standup.setTeamZone(ZoneId.of("Europe/Berlin"));
                standup.setTime(LocalTime.of(9, 30));
                Standup stored = standupRepository.save(standup);
                saved.add(stored);
                nudges.schedule(stored, false);
            }
            seedOkrs(bot, everyone);
            MongoTemplate template = bot.bean(MongoTemplate.class);
            if (Boolean.getBoolean("bench.growth.open-days")) {
                openToday(template, saved);
            }
            Instant now = Instant.now();
            List<FeedbackItem> batch = new ArrayList<>();
            for (int n = 1; n <= items; n++) {
                UserRef reporter = everyone.get(n % people);
                String topic = TOPICS[n % TOPICS.length];
                FeedbackDraft draft = new FeedbackDraft(topic + " (" + n + ")", "Seen by customer " + n % 97,
                        FeedbackType.values()[n % FeedbackType.values().length], AREAS[n % AREAS.length], null,
                        1 + n % 5, null);
                batch.add(new FeedbackItem(tenant, n, reporter, "Person " + n % people, draft, FeedbackSource.COMMAND,
                        now.minusSeconds(items - n)));
                if (batch.size() == 1_000 || n == items) {
                    template.insertAll(batch);
                    batch.clear();
                }
            }
            template.upsert(Query.query(Criteria.where("_id").is("feedback:" + tenant.key())),
                    new Update().set("value", (long) items), "counters");
            // A bot that grew to this size has its search index on disk (committed as the context closes): built
            // here, so the run measures the commands, not the one build a new or lost index costs.
            // A tenant this large is built aside: asked again until it answers.
            FeedbackService feedback = bot.bean(FeedbackService.class);
            for (boolean built = false; !built; ) {
                try {
                    feedback.recentInTenant(tenant, 0, 1);
                    built = true;
                } catch (UserError preparing) {
                    Thread.sleep(1_000);
                }
            }
            // A bot that ran before has adopted the flags of items saved by earlier versions (one scan, once ever).
            feedback.publishPending();
        } finally {
            mongo.shutdownNow();
            store.close();
        }
    }
}
