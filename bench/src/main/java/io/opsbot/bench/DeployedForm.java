package io.opsbot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The bot in a deployed form: the packaged jar extracted ({@code -Djarmode=tools extract}) and an archive of what its
 * start-up loads, recorded by one training run (the application context started once with
 * {@code spring.context.exit=onRefresh} against a throw-away embedded database, nothing contacted) and given to every
 * start. Two kinds of archive: a class data sharing archive, and the AOT cache of JDK 25 (classes loaded and linked
 * ahead of time, with method profiles: JEP 483, 514, 515), which is what deploy/Dockerfile records. The commands and
 * the training run's arguments are the Dockerfile's; keep them in step with it.
 */
record DeployedForm(Jdk jdk, Path jar, Archive kind, Path archive, double trainingSeconds) {

    /** How an archive is recorded by the training run ({@code record}) and given to a start ({@code use}). */
    record Archive(String label, String record, String use, String file) {
        static final Archive CDS = new Archive("extracted + CDS", "-XX:ArchiveClassesAtExit=",
                "-XX:SharedArchiveFile=", "app.jsa");
        static final Archive AOT_CACHE = new Archive("extracted + AOT cache as deploy/Dockerfile",
                "-XX:AOTCacheOutput=", "-XX:AOTCache=", "app.aot");
    }

    /** Extracts {@code packagedJar} into {@code folder} and records the archive there, as the image build does. */
    static DeployedForm prepare(Jdk jdk, Archive kind, Path packagedJar, Path folder)
            throws IOException, InterruptedException {
        Path app = folder.resolve("app");
        run(folder.resolve("extract.log"), List.of(jdk.java().toString(), "-Djarmode=tools", "-jar",
                packagedJar.toString(), "extract", "--destination", app.toString()));
        Path jar = app.resolve(packagedJar.getFileName());
        Path archive = folder.resolve(kind.file());
        long started = System.nanoTime();
        // The Dockerfile's training run; its heap settings are the JVM's defaults (JAVA_TOOL_OPTIONS is set later).
        run(folder.resolve("training.log"), List.of(jdk.java().toString(), kind.record() + archive,
                "-Dspring.context.exit=onRefresh", "-jar", jar.toString(),
                "--opsbot.embedded-mongo.data-dir=" + folder.resolve("training-db"), "--opsbot.teams.enabled=false",
                "--opsbot.slack.bot-token=xoxb-cds", "--opsbot.slack.signing-secret=cds",
                "--opsbot.slack.api-base-url=http://127.0.0.1:9/api/", "--spring.quartz.auto-startup=false",
                "--server.port=0"));
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("the training run recorded no archive; see " + folder.resolve("training.log"));
        }
        return new DeployedForm(jdk, jar, kind, archive, (System.nanoTime() - started) / 1e9);
    }

    /** The recommended heap settings plus the archive, as the image's entry point and JAVA_TOOL_OPTIONS give them. */
    List<String> jvm() {
        List<String> jvm = new ArrayList<>(BotProcess.RECOMMENDED_JVM);
        jvm.add(kind.use() + archive);
        return jvm;
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
