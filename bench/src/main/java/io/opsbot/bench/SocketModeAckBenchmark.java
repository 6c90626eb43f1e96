package io.opsbot.bench;

import com.google.gson.JsonObject;
import io.opsbot.slack.testing.FakeSlackApi;
import io.opsbot.slack.testing.FakeSocketModeServer;
import io.opsbot.slack.testing.Fixtures;
import org.java_websocket.WebSocket;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Socket Mode acknowledgements from outside: the packaged bot (a child process, its embedded database on disk)
 * connects to a fake Socket Mode server, which sends bursts of {@code /feedback} slash commands at once and times
 * each acknowledgement (it carries the "Saved as FB-n" reply, so the item is stored, durably, by then). Run once per
 * durability setting, so the cost of writing to disk before answering shows.
 *
 * <pre>mvn -B -q -pl bench,bot-app -am package -DskipTests
 * java -Dloader.main=io.opsbot.bench.SocketModeAckBenchmark -jar bench/target/bench-0.1.0-SNAPSHOT.jar \
 *      [bot jar] [burst] [rounds] [durability...]</pre>
 */
public final class SocketModeAckBenchmark {

    private static final Pattern ENVELOPE = Pattern.compile("\"envelope_id\"\\s*:\\s*\"(bench-[^\"]+)\"");

    private SocketModeAckBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "bot-app/target/bot-app-0.1.0-SNAPSHOT.jar");
        int burst = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        List<String> modes = args.length > 3 ? List.of(args).subList(3, args.length)
                : List.of("fsync", "write", "background");
        System.out.printf("Socket Mode bursts of %d commands x %d rounds, %d cores, bot %s%n", burst, rounds,
                Runtime.getRuntime().availableProcessors(), jar);
        for (String mode : modes) {
            run(jar, burst, rounds, mode);
        }
        // The fakes' HTTP threads would keep the JVM up.
        System.exit(0);
    }

    private static void run(Path jar, int burst, int rounds, String durability) throws Exception {
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Long> ackedAt = new ConcurrentHashMap<>();
        FakeSlackApi slack = new FakeSlackApi();
        FakeSocketModeServer socket = new FakeSocketModeServer() {
            @Override
            public void onMessage(WebSocket conn, String message) {
                Matcher m = ENVELOPE.matcher(message);
                if (m.find()) {
                    ackedAt.putIfAbsent(m.group(1), System.nanoTime());
                }
            }
        };
        socket.start();
        slack.socketModeUrl(socket.url());
        Path data = Files.createTempDirectory("opsbot-bench");
        Process bot = new ProcessBuilder("java", "-jar", jar.toString(), "--server.port=0",
                "--opsbot.embedded-mongo.data-dir=" + data, "--opsbot.embedded-mongo.durability=" + durability,
                "--opsbot.slack.bot-token=" + FakeSlackApi.TOKEN, "--opsbot.slack.app-token=xapp-bench",
                "--opsbot.slack.api-base-url=" + slack.apiBaseUrl(), "--opsbot.teams.enabled=false",
                "--logging.level.root=warn")
                .redirectErrorStream(true).redirectOutput(data.resolve("bot.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!socket.connected() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            if (!socket.connected()) {
                throw new IllegalStateException("the bot did not connect; see " + data.resolve("bot.log"));
            }
            burst(socket, sentAt, ackedAt, "warmup", 50);
            List<Long> all = new ArrayList<>();
            int over3s = 0;
            for (int round = 1; round <= rounds; round++) {
                List<Long> latencies = burst(socket, sentAt, ackedAt, "r" + round, burst);
                all.addAll(latencies);
                over3s += (int) latencies.stream().filter(ms -> ms >= 3000).count();
                Thread.sleep(1000);
            }
            Collections.sort(all);
            System.out.printf("durability %-10s acks %d/%d  p50 %4d ms  p95 %4d ms  max %4d ms  over 3 s: %d%n",
                    durability, all.size(), burst * rounds, percentile(all, 50), percentile(all, 95),
                    all.isEmpty() ? -1 : all.get(all.size() - 1), over3s);
        } finally {
            bot.destroy();
            bot.waitFor(30, TimeUnit.SECONDS);
            socket.stop(1000);
            slack.close();
        }
    }

    /** Sends {@code count} commands at once; returns each one's time to acknowledgement, in ms. */
    private static List<Long> burst(FakeSocketModeServer socket, Map<String, Long> sentAt, Map<String, Long> ackedAt,
                                    String tag, int count) throws InterruptedException, IOException {
        List<String> ids = new ArrayList<>();
        List<String> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            JsonObject envelope = Fixtures.json("slack/socket_mode/slash_commands.json");
            String id = "bench-" + tag + "-" + i;
            envelope.addProperty("envelope_id", id);
            JsonObject payload = envelope.getAsJsonObject("payload");
            payload.addProperty("team_id", FakeSlackApi.TEAM_ID);
            payload.addProperty("user_id", "UBENCH" + i);
            payload.addProperty("command", "/feedback");
            payload.addProperty("text", "Bench item " + tag + " " + i + " #billing");
            ids.add(id);
            frames.add(envelope.toString());
        }
        for (int i = 0; i < count; i++) {
            sentAt.put(ids.get(i), System.nanoTime());
            socket.push(frames.get(i));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!ackedAt.keySet().containsAll(ids) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        List<Long> latencies = new ArrayList<>();
        for (String id : ids) {
            Long acked = ackedAt.get(id);
            if (acked != null) {
                latencies.add(TimeUnit.NANOSECONDS.toMillis(acked - sentAt.get(id)));
            }
        }
        return latencies;
    }

    private static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
