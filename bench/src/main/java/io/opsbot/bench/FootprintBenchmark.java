package io.opsbot.bench;

import io.opsbot.slack.testing.FakeSlackApi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Scenario {@code footprint}: the packaged bot started as an operator starts it (the recommended heap settings,
 * embedded database, Slack over HTTP and Teams), timed from process start until its readiness probe answers 200, with
 * the CPU time it used until then and its resident memory once ready and after idling. Three forms: the packaged jar
 * ({@code java -jar}) and the jar extracted with a class data sharing archive, both on the bench's JDK, and the form
 * deploy/Dockerfile runs: extracted with an AOT cache, on a JDK 25 ({@link Jdk#forAotCache()}; left out, with a
 * note, if the machine has none). Each archive is recorded by a training run done here first ({@link DeployedForm}).
 * Several starts of each, alternating between the forms so a change of load hits all: the first on an empty data
 * folder, the others on the data the first left.
 *
 * <pre>java [-Dbench.image-jdk=/usr/lib/jvm/temurin-25-jdk-amd64] -jar bench/target/bench-0.1.0-SNAPSHOT.jar footprint [starts] [idle seconds]</pre>
 */
final class FootprintBenchmark {

    private FootprintBenchmark() {
    }

    static void run(BenchArgs args) throws Exception {
        int starts = args.intAt(0, 3);
        int idle = args.intAt(1, 30);
        Path work = Files.createTempDirectory("opsbot-bench-footprint");
        List<Form> forms = new ArrayList<>();
        forms.add(new Form("java -jar", Jdk.current(), BotProcess.RECOMMENDED_JVM, args.botJar(), work.resolve("jar")));
        List<String> training = new ArrayList<>();
        forms.add(deployed(Jdk.current(), DeployedForm.Archive.CDS, args, work.resolve("cds"), training));
        Optional<Jdk> imageJdk = Jdk.forAotCache();
        if (imageJdk.isPresent()) {
            forms.add(deployed(imageJdk.get(), DeployedForm.Archive.AOT_CACHE, args, work.resolve("aot"), training));
        }
        try (FakeSlackApi slack = new FakeSlackApi()) {
            for (int start = 1; start <= starts; start++) {
                for (Form form : forms) {
                    form.rows.add(measure(form, start, idle, slack));
                }
            }
        }
        System.out.printf("footprint: %d cores, heap settings %s; training runs: %s%n",
                Runtime.getRuntime().availableProcessors(), String.join(" ", BotProcess.RECOMMENDED_JVM),
                String.join(", ", training));
        if (imageJdk.isEmpty()) {
            System.out.printf("No JDK %d or later found (-Dbench.image-jdk=<its home>): deploy/Dockerfile's form, "
                    + "with an AOT cache, was not measured.%n", Jdk.AOT_CACHE_FEATURE);
        }
        Table table = new Table("form", "JDK", "start", "data folder", "start-up to ready", "CPU to ready",
                "RSS when ready", "RSS after idle", "load before");
        forms.forEach(form -> form.rows.forEach(table::row));
        table.print();
    }

    /** Prepares a deployed form in {@code folder}; notes how long its training run took in {@code training}. */
    private static Form deployed(Jdk jdk, DeployedForm.Archive kind, BenchArgs args, Path folder,
            List<String> training) throws Exception {
        String load = Machine.load();
        DeployedForm deployed = DeployedForm.prepare(jdk, kind, args.botJar(), folder);
        training.add(String.format("%s on %s %.1f s (load %s)", kind.label(), jdk.version(), deployed.trainingSeconds(),
                load));
        return new Form(kind.label(), jdk, deployed.jvm(), deployed.jar(), folder);
    }

    private static String[] measure(Form form, int start, int idle, FakeSlackApi slack) throws Exception {
        String load = Machine.load();
        Path data = form.folder.resolve("data");
        try (BotProcess bot = BotProcess.start(form.jdk, form.jvm, form.jar, List.of(
                "--opsbot.embedded-mongo.data-dir=" + data.resolve("db"),
                "--opsbot.slack.signing-secret=" + Requests.SIGNING_SECRET,
                "--opsbot.slack.bot-token=" + FakeSlackApi.TOKEN,
                "--opsbot.slack.api-base-url=" + slack.apiBaseUrl(), "--opsbot.teams.local-mode=true"),
                form.folder.resolve("bot-" + start + ".log"))) {
            double ready = bot.awaitReady("/actuator/health/readiness", Duration.ofSeconds(120));
            double cpu = bot.cpuSeconds();
            long rssReady = bot.rssMb();
            Thread.sleep(idle * 1000L);
            return new String[] {form.label, form.jdk.version(), Integer.toString(start),
                    start == 1 ? "empty" : "kept", String.format("%.1f s", ready), String.format("%.1f s", cpu),
                    rssReady + " MB", bot.rssMb() + " MB", load};
        }
    }

    /** One way of starting the bot, its own data folder, and the rows measured so far. */
    private record Form(String label, Jdk jdk, List<String> jvm, Path jar, Path folder, List<String[]> rows) {

        Form(String label, Jdk jdk, List<String> jvm, Path jar, Path folder) {
            this(label, jdk, jvm, jar, folder, new ArrayList<>());
        }
    }
}
