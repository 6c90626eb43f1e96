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
import org.springframework.context.ConfigurableApplicationContext;

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

/**
 * 500 standups with 20 people each (10,000 people) all due in the same minute, on the real core and Slack adapter with
 * real Quartz and the real clock, against the local fake Slack Web API and an in-process mongo-java-server. Reports how
 * long until every prompt reached the fake, and how many were sent twice (must be 0) or never (must be 0).
 *
 * <pre>mvn -B -q -pl bench -am package -DskipTests && java -jar bench/target/bench-0.1.0-SNAPSHOT.jar [standups] [people]</pre>
 */
public final class StandupPromptBenchmark {

    private StandupPromptBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int standups = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int people = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int expected = standups * people;

        // Measures the bot, not Slack's pacing (about 300 posts a minute per workspace).
        try (BenchBot bot = new BenchBot("opsbot.slack.limits.workspace-per-minute=10000000",
                "opsbot.slack.limits.workspace-burst=100000")) {
            FakeSlackApi slack = bot.slack;
            ConfigurableApplicationContext app = bot.app;
            TenantRef tenant = TenantRef.slack(FakeSlackApi.TEAM_ID);
            ProfileService profiles = app.getBean(ProfileService.class);
            StandupRepository repository = app.getBean(StandupRepository.class);
            StandupNudges scheduler = app.getBean(StandupNudges.class);

            System.out.printf("Setting up %d standups x %d people%n", standups, people);
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
            System.out.printf("Scheduled; waiting %d s for the minute%n",
                    Duration.between(Instant.now(), due).toSeconds());

            long timeoutAt = System.nanoTime() + Duration.ofMinutes(45).toNanos();
            Instant allDelivered = null;
            long lastReport = 0;
            while (System.nanoTime() < timeoutAt) {
                int delivered = prompts(slack).size();
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
            Thread.sleep(3000);
            List<String> prompted = prompts(slack);
            Set<String> distinct = new HashSet<>(prompted);
            long summaries = slack.calls("chat.postMessage").stream()
                    .filter(c -> c.param("channel").startsWith("C")).count();
            Runtime rt = Runtime.getRuntime();
            System.out.println("---- standup prompt benchmark ----");
            System.out.printf("standups=%d people=%d expected prompts=%d%n", standups, people, expected);
            System.out.printf("prompts delivered=%d distinct=%d duplicates=%d lost=%d summaries=%d%n",
                    prompted.size(), distinct.size(), prompted.size() - distinct.size(), expected - distinct.size(),
                    summaries);
            if (allDelivered != null) {
                double seconds = Duration.between(due, allDelivered).toMillis() / 1000.0;
                System.out.printf("all prompts delivered %.1f s after the due minute (%.0f prompts/s)%n", seconds,
                        expected / seconds);
            } else {
                System.out.println("NOT all prompts were delivered within 45 minutes");
            }
            System.out.printf("heap used=%d MB, processors=%d%n", (rt.totalMemory() - rt.freeMemory()) >> 20,
                    rt.availableProcessors());
        }
    }

    private static List<String> prompts(FakeSlackApi slack) {
        return slack.calls("chat.postMessage").stream().filter(c -> c.param("channel").startsWith("U"))
                .filter(c -> c.param("text") != null && c.param("text").startsWith("Time for"))
                .map(c -> c.param("channel")).toList();
    }
}
