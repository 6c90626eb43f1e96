package io.opsbot.app.packaged;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The packaged bot ({@code bot-app/target/bot-app-*.jar}, built by {@code mvn package}) as a child process, the way an
 * operator runs it, for tests that kill it with SIGKILL and start it again. Startup is what these tests spend their
 * time on, so the jar is run as deploy/Dockerfile runs it: extracted once, on a Java 25 or later when the machine has
 * one (under /usr/lib/jvm), with an AOT cache recorded on a first run (a start takes a fifth less time than with a
 * class data sharing archive on Java 17, which is what is used when there is none), and C1 only (a short-lived
 * process gains nothing from C2).
 */
public final class PackagedBot implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** The first release whose AOT cache is recorded in one training run (JEP 514), as the image's is. */
    private static final int AOT_CACHE_FEATURE = 25;
    private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

    private static Path launcher;
    private static String java;
    /** The JVM options that use the archive recorded for {@link #java}. */
    private static List<String> archived;

    private static final Pattern HTTP_PORT = Pattern.compile(
            "Tomcat started on port (\\d+)");
    private static final Pattern MONGO_PORT = Pattern.compile(
            "listening on 127\\.0\\.0\\.1:(\\d+)");

    private final Path dataDir;
    private final Map<String, String> settings;
    private final Path log;
    private Process process;
    private int starts;
    private volatile int port;
    private volatile int mongoPort;
    /** Where this start's output begins in the log. */
    private long startOffset;

    /**
     * A bot on its own data folder; {@code settings} are Spring properties ({@code opsbot.slack.bot-token=...}). It
     * listens on ports the system picks (read from its log), new ones at each start.
     */
    public PackagedBot(Path dataDir, Map<String, String> settings) {
        this.dataDir = dataDir;
        this.settings = Map.copyOf(settings);
        // Kept in target/ so that a failed run can be read afterwards.
        Path logs = Path.of(System.getProperty("opsbot.jar", "target/bot-app.jar")).toAbsolutePath()
                .resolveSibling("it-logs");
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.log = logs.resolve(dataDir.getParent().getFileName() + "-" + dataDir.getFileName() + ".log");
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * The embedded database, for checking what is stored (the test reads it like any MongoDB client). Its port changes
     * with each start.
     */
    public String mongoUri() {
        return "mongodb://127.0.0.1:" + mongoPort + "/opsbot";
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Starts the bot and waits until it answers its health check. */
    public PackagedBot start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running");
        }
        prepare();
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        command.addAll(archived);
        command.addAll(List.of("-jar", launcher.toString()));
        command.addAll(arguments());
        try {
            Files.writeString(log, "---- start " + (++starts) + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            startOffset = Files.size(log);
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitHealthy(Duration.ofSeconds(60));
        return this;
    }

    /** SIGKILL: no shutdown hook, no flush, nothing the process could do to save itself. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor();
        }
    }

    /** SIGTERM: a graceful shutdown. */
    public void stop() {
        if (process != null) {
            process.destroy();
            waitFor();
        }
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        kill();
    }

    private void waitFor() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<String> arguments() {
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                "--opsbot.embedded-mongo.data-dir=" + dataDir, "--opsbot.embedded-mongo.port=0",
                "--opsbot.teams.enabled=false", "--spring.main.banner-mode=off"));
        settings.forEach((k, v) -> args.add("--" + k + "=" + v));
        return args;
    }

    private void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the bot exited during start-up:\n" + tail());
            }
            String thisStart = logSinceStart();
            Matcher http = HTTP_PORT.matcher(thisStart);
            Matcher mongo = MONGO_PORT.matcher(thisStart);
            if (http.find() && ready(Integer.parseInt(http.group(1)))) {
                port = Integer.parseInt(http.group(1));
                mongoPort = mongo.find() ? Integer.parseInt(mongo.group(1)) : -1;
                return;
            }
            sleep(50);
        }
        throw new IllegalStateException("the bot did not become ready within " + timeout + ":\n" + tail());
    }

    /** This start's output so far (the log of every start is kept in one file, which grows). */
    private String logSinceStart() {
        try (FileChannel file = FileChannel.open(log)) {
            ByteBuffer bytes = ByteBuffer.allocate((int) Math.max(0, file.size() - startOffset));
            file.read(bytes, startOffset);
            return new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean ready(int port) {
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/actuator/health/readiness")).timeout(Duration.ofSeconds(2)).build();
        try {
            return HTTP.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String tail() {
        String all = log();
        return all.length() > 6000 ? all.substring(all.length() - 6000) : all;
    }

    /** Extracts the jar and records the AOT cache or class data sharing archive, once per build. */
    private static synchronized void prepare() {
        if (launcher != null) {
            return;
        }
        Path jar = Path.of(System.getProperty("opsbot.jar", "target/bot-app-0.1.0-SNAPSHOT.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: run mvn package (or verify) first");
        }
        Path dir = jar.resolveSibling("packaged-bot");
        Path extractedJar = dir.resolve(jar.getFileName());
        Optional<Path> javaForAotCache = javaForAotCache();
        String bin = javaForAotCache.map(Path::toString).orElseGet(PackagedBot::javaBin);
        Path file = dir.resolve(javaForAotCache.isPresent() ? "app.aot" : "app.jsa");
        try {
            if (!Files.exists(file) || Files.getLastModifiedTime(file).compareTo(Files.getLastModifiedTime(jar)) < 0) {
                deleteRecursively(dir);
                run(List.of(bin, "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination",
                        dir.toString()), dir.getParent(), Duration.ofSeconds(120));
                Path trainingData = Files.createTempDirectory("opsbot-training");
                run(List.of(bin, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", javaForAotCache.isPresent()
                                ? "-XX:AOTCacheOutput=" + file : "-XX:ArchiveClassesAtExit=" + file,
                        "-Dspring.context.exit=onRefresh", "-jar",
                        extractedJar.toString(), "--server.port=0", "--opsbot.teams.enabled=false",
                        "--opsbot.embedded-mongo.data-dir=" + trainingData, "--opsbot.slack.bot-token=xoxb-cds",
                        "--opsbot.slack.signing-secret=cds", "--opsbot.slack.api-base-url=http://127.0.0.1:9/api/",
                        "--spring.quartz.auto-startup=false"), dir, Duration.ofSeconds(180));
                deleteRecursively(trainingData);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        launcher = extractedJar;
        java = bin;
        archived = javaForAotCache.isPresent() ? List.of("-XX:AOTCache=" + file)
                : List.of("-Xshare:auto", "-XX:SharedArchiveFile=" + file);
    }

    /** The java of this JDK if it makes AOT caches, else of the newest such JDK under /usr/lib/jvm, if any. */
    private static Optional<Path> javaForAotCache() {
        Path home = Path.of(System.getProperty("java.home"));
        if (feature(home) >= AOT_CACHE_FEATURE) {
            return Optional.of(home.resolve("bin").resolve("java"));
        }
        try (Stream<Path> installed = Files.list(Path.of("/usr/lib/jvm"))) {
            return installed.filter(jdk -> feature(jdk) >= AOT_CACHE_FEATURE
                            && Files.isExecutable(jdk.resolve("bin").resolve("java")))
                    .max(Comparator.comparingInt(PackagedBot::feature)).map(jdk -> jdk.resolve("bin").resolve("java"));
        } catch (IOException noneThere) {
            return Optional.empty();
        }
    }

    /** The JDK's feature release from its {@code release} file (25 for "25.0.3"); 0 if it has none. */
    private static int feature(Path home) {
        try {
            Matcher version = JAVA_VERSION.matcher(Files.readString(home.resolve("release")));
            return version.find() ? Integer.parseInt(version.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static void run(List<String> command, Path dir, Duration timeout) throws IOException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
