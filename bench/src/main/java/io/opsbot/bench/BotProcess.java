package io.opsbot.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Java program run as a child process the way an operator runs it ({@code java <heap settings> -jar ...}), on a port
 * picked here, with its output in a log file. Knows when it is ready (its readiness probe answers 200) and how much
 * memory it holds (resident set size, from /proc).
 */
final class BotProcess implements AutoCloseable {

    /** The heap settings the README recommends for one bot (see deploy/Dockerfile). */
    static final List<String> RECOMMENDED_JVM = List.of("-XX:+UseSerialGC", "-Xms64m", "-Xmx192m",
            "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-Xss512k", "-XX:MaxMetaspaceSize=160m",
            "-XX:ReservedCodeCacheSize=64m", "-XX:MaxDirectMemorySize=64m", "-Djdk.nio.maxCachedBufferSize=262144");
    /** The environment the README recommends with them: glibc's malloc keeps two arenas, not eight per core. */
    static final Map<String, String> RECOMMENDED_ENV = Map.of("MALLOC_ARENA_MAX", "2");

    final Process process;
    final int port;
    final Path log;
    private final long startedAt = System.nanoTime();

    private BotProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts {@code java <jvm> -jar <jar> --server.port=<free port> <args>} on the bench's own JDK. */
    static BotProcess start(List<String> jvm, Path jar, List<String> args, Path log) throws IOException {
        return start(Jdk.current(), jvm, jar, args, log);
    }

    /** The same on {@code jdk}. */
    static BotProcess start(Jdk jdk, List<String> jvm, Path jar, List<String> args, Path log) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(jdk.java().toString());
        command.addAll(jvm);
        // Extra options for the bot (not the floor), e.g. a recording: -Dbench.jvm="-XX:StartFlightRecording=..."
        String extra = System.getProperty("bench.jvm", "").trim();
        if (!extra.isEmpty() && jvm.stream().noneMatch(option -> option.startsWith("-Dloader.main="))) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.add("-jar");
        command.add(jar.toString());
        command.add("--server.port=" + port);
        command.addAll(args);
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(RECOMMENDED_ENV);
        Process process = builder.start();
        return new BotProcess(process, port, log);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Waits until {@code path} answers 200; returns the time from the process start, in seconds. */
    double awaitReady(String path, Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("it stopped (exit " + process.exitValue() + "); see " + log);
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri(path))
                        .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return (System.nanoTime() - startedAt) / 1e9;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(25);
        }
        throw new IllegalStateException("not ready within " + timeout + "; see " + log);
    }

    /** Resident set size in MB (Linux). */
    long rssMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    /**
     * CPU time the process has used so far (user + system), in seconds (Linux, /proc/[pid]/stat in clock ticks of
     * 1/100 s). On a shared machine it moves much less with the load than the wall-clock time does.
     */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
        // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    /**
     * The CPU time used so far, read once the process has gone quiet (under 10% of a core over a quarter of a second,
     * or after 30 s): what it still does for requests already answered is charged to them.
     */
    double cpuAfterSettling() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        double last = cpuSeconds();
        while (System.nanoTime() < deadline) {
            Thread.sleep(250);
            double now = cpuSeconds();
            if (now - last < 0.025) {
                return now;
            }
            last = now;
        }
        return last;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
