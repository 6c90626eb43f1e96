package io.opsbot.bench;

import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.standup.Standup;
import io.opsbot.core.standup.StandupNudges;
import io.opsbot.core.standup.StandupRepository;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.slack.testing.FakeSlackApi;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scenario {@code fanout}: 500 standups with 20 people each (10,000 people) all due in the same minute, on the real
 * core and Slack adapter with real Quartz and the real clock, against local fake Slack Web APIs and an in-process
 * mongo-java-server (memory backend). Once with one instance, once with two on the same database (each instance posts
 * to a fake Slack of its own, so the split shows). Reports how long until every prompt reached Slack, how the sending
 * was split, and how many prompts were sent twice (must be 0) or never (must be 0).
 *
 * <pre>java -Dloader.main=io.opsbot.bench.Bench -jar bench/target/bench-0.1.0-SNAPSHOT.jar fanout [standups]
 *      [people] [instances...]</pre>
 */
final class FanoutBenchmark {

    /** Measures the bot, not Slack's pacing (about 300 posts a minute per workspace); {@code growth} uses it too. */
    static final String[] UNPACED = {"opsbot.slack.limits.workspace-per-minute=10000000",
        "opsbot.slack.limits.workspace-burst=100000"};

    private FanoutBenchmark() {
    }

    static void run(BenchArgs args) throws Exception {
        int standups = args.intAt(0, 500);
        int people = args.intAt(1, 20);
        List<Integer> instanceCounts = args.values().size() > 2
                ? args.values().subList(2, args.values().size()).stream().map(Integer::parseInt).toList()
                : List.of(1, 2);
        Table table = new Table("instances", "prompts expected", "delivered", "duplicates", "lost",
                "sent by each instance", "day summaries", "last prompt after the due minute", "prompts/s",
                "load before");
        for (int instances : instanceCounts) {
            fanout(standups, people, instances, table);
        }
        System.out.printf("fanout: %d cores, JDK %s, in-process mongo-java-server (memory), fake Slack, real Quartz "
                + "and clock%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        table.print();
    }

    private static void fanout(int standups, int people, int instances, Table table) throws Exception {
        int expected = standups * people;
        List<BenchBot> bots = new ArrayList<>();
        try {
            bots.add(new BenchBot(UNPACED));
            for (int i = 1; i < instances; i++) {
                bots.add(new BenchBot(bots.get(0).mongo, UNPACED));
            }
            // Counted as the fake Slack records them: scanning every recorded call five times a second took 4% of
            // the machine's CPU (JFR) from the bot it measures.
            AtomicInteger counted = new AtomicInteger();
            bots.forEach(b -> b.slack.onCall(call -> {
                if (isPrompt(call)) {
                    counted.incrementAndGet();
                }
            }));
            BenchBot first = bots.get(0);
            Instant due = schedule(first, standups, people);
            BenchBot.COMMANDS.reset();
            String load = Machine.load();
            System.out.printf("%d instance(s): scheduled; waiting %d s for the minute%n", instances,
                    Duration.between(Instant.now(), due).toSeconds());
            long timeoutAt = System.nanoTime() + Duration.ofMinutes(45).toNanos();
            Instant allDelivered = null;
            long lastReport = 0;
            while (System.nanoTime() < timeoutAt) {
                int delivered = counted.get();
                if (delivered >= expected) {
                    allDelivered = Instant.now();
                    break;
                }
                if (System.nanoTime() - lastReport > Duration.ofSeconds(30).toNanos()) {
                    System.out.printf("  %s: %d of %d prompts delivered%n", Instant.now(), delivered, expected);
                    lastReport = System.nanoTime();
                }
                Thread.sleep(200);
            }
            // Late duplicates would arrive now.
            Thread.sleep(3000);
            List<String> prompted = new ArrayList<>();
            List<String> split = new ArrayList<>();
            long summaries = 0;
            for (BenchBot bot : bots) {
                List<String> mine = prompts(bot.slack);
                prompted.addAll(mine);
                split.add(Integer.toString(mine.size()));
                summaries += bot.slack.calls("chat.postMessage").stream()
                        .filter(c -> c.param("channel").startsWith("C")).count();
            }
            Set<String> distinct = new HashSet<>(prompted);
            double seconds = allDelivered == null ? Double.NaN : Duration.between(due, allDelivered).toMillis() / 1e3;
            table.row(Integer.toString(instances), String.format("%,d", expected), String.format("%,d",
                    prompted.size()), Integer.toString(prompted.size() - distinct.size()),
                    Integer.toString(expected - distinct.size()), String.join(" / ", split), Long.toString(summaries),
                    allDelivered == null ? "not all within 45 min" : String.format("%.1f s", seconds),
                    allDelivered == null ? "-" : Table.num(expected / seconds), load);
            System.out.printf("%d instance(s): database commands from the due minute on, most time first%n",
                    instances);
            BenchBot.COMMANDS.top(25).print();
        } finally {
            // The first instance owns the database: it closes last.
            for (int i = bots.size() - 1; i >= 0; i--) {
                bots.get(i).close();
            }
        }
    }

    /** Stores the standups and their nudges; returns the minute they are all due. */
    private static Instant schedule(BenchBot bot, int standups, int people) {
        TenantRef tenant = TenantRef.slack(FakeSlackApi.TEAM_ID);
        ProfileService profiles = bot.bean(ProfileService.class);
        StandupRepository repository = bot.bean(StandupRepository.class);
        StandupNudges scheduler = bot.bean(StandupNudges.class);
        List<Standup> created = new ArrayList<>();
        for (int s = 0; s < standups; s++) {
            List<UserRef> participants = new ArrayList<>();
            for (int p = 0; p < people; p++) {
                UserRef user = new UserRef(tenant, String.format("U%05d%03d", s, p));
                profiles.seen(new Invoker(user, "Person " + s + "-" + p, null, true, null));
                participants.add(user);
            }
            Standup standup = new Standup(tenant, "Bench " + s, participants.get(0), Instant.now());
            standup.setReportChannel(new Destination.Channel(tenant, String.format("C%05d", s)));
            standup.setParticipants(participants);
            standup.setDays(EnumSet.allOf(DayOfWeek.class));
            standup.setTeamZone(ZoneOffset.UTC);
            created.add(standup);
        }
        // Everyone is due at the start of the first minute at least 15 s after the set-up.
        Instant due = Instant.now().plusSeconds(75).truncatedTo(ChronoUnit.MINUTES);
        LocalTime at = due.atOffset(ZoneOffset.UTC).toLocalTime();
        for (Standup standup : created) {
            standup.setTime(at);
            scheduler.schedule(repository.save(standup), false);
        }
        return due;
    }

    private static List<String> prompts(FakeSlackApi slack) {
        return slack.calls("chat.postMessage").stream().filter(FanoutBenchmark::isPrompt)
                .map(c -> c.param("channel")).toList();
    }

    /** A standup's first question, in a person's DM. */
    private static boolean isPrompt(FakeSlackApi.Call call) {
        return call.method().equals("chat.postMessage") && call.param("channel") != null
                && call.param("channel").startsWith("U") && call.param("text") != null
                && call.param("text").startsWith("Time for");
    }
}
