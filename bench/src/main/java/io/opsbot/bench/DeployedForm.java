package io.opsbot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The bot in the form deploy/Dockerfile runs it: the packaged jar extracted ({@code -Djarmode=tools extract}) and a
 * class data sharing archive recorded by one training run ({@code -XX:ArchiveClassesAtExit} with
 * {@code spring.context.exit=onRefresh}), then started with {@code -XX:SharedArchiveFile}. The commands and the
 * training run's arguments are the Dockerfile's; keep them in step with it.
 */
record DeployedForm(Path jar, Path archive, double trainingSeconds) {

    /** Extracts {@code packagedJar} into {@code folder} and records the archive there, as the image build does. */
    static DeployedForm prepare(Path packagedJar, Path folder) throws IOException, InterruptedException {
        Path app = folder.resolve("app");
        run(folder.resolve("extract.log"), List.of(java(), "-Djarmode=tools", "-jar", packagedJar.toString(), "extract",
                "--destination", app.toString()));
        Path jar = app.resolve(packagedJar.getFileName());
        Path archive = folder.resolve("app.jsa");
        long started = System.nanoTime();
        // The Dockerfile's training run: an application context started once against a throw-away embedded
        // database, nothing contacted; its heap settings are the JVM's defaults (JAVA_TOOL_OPTIONS is set later).
        run(folder.resolve("training.log"), List.of(java(), "-XX:ArchiveClassesAtExit=" + archive,
                "-Dspring.context.exit=onRefresh", "-jar", jar.toString(),
                "--opsbot.embedded-mongo.data-dir=" + folder.resolve("cds"), "--opsbot.teams.enabled=false",
                "--opsbot.slack.bot-token=xoxb-cds", "--opsbot.slack.signing-secret=cds",
                "--opsbot.slack.api-base-url=http://127.0.0.1:9/api/", "--spring.quartz.auto-startup=false",
                "--server.port=0"));
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("the training run recorded no archive; see " + folder.resolve("training.log"));
        }
        return new DeployedForm(jar, archive, (System.nanoTime() - started) / 1e9);
    }

    /** The recommended heap settings plus the archive, as the image's entry point and JAVA_TOOL_OPTIONS give them. */
    List<String> jvm() {
        List<String> jvm = new ArrayList<>(BotProcess.RECOMMENDED_JVM);
        jvm.add("-XX:SharedArchiveFile=" + archive);
        return jvm;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void run(Path log, List<String> command) throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("did not finish within 10 minutes: " + command + "; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("exit " + process.exitValue() + ": " + command + "; see " + log);
        }
    }
}
