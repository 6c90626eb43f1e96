package io.opsbot.bench;

import io.opsbot.slack.testing.FakeSlackApi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Scenario {@code footprint}: the packaged bot started as an operator starts it (the recommended heap settings,
 * embedded database, Slack over HTTP and Teams), timed from process start until its readiness probe answers 200, with
 * the CPU time it used until then and its resident memory once ready and after idling. Two forms: the packaged jar
 * ({@code java -jar}), and the form deploy/Dockerfile runs (extracted, with a class data sharing archive recorded by a
 * training run done here first; see {@link DeployedForm}). Several starts of each, alternating between the forms so a
 * change of load hits both: the first on an empty data folder, the others on the data the first left.
 *
 * <pre>java -jar bench/target/bench-0.1.0-SNAPSHOT.jar footprint [starts] [idle seconds]</pre>
 */
final class FootprintBenchmark {

    private FootprintBenchmark() {
    }

    static void run(BenchArgs args) throws Exception {
        int starts = args.intAt(0, 3);
        int idle = args.intAt(1, 30);
        Path work = Files.createTempDirectory("opsbot-bench-footprint");
        String trainingLoad = Machine.load();
        DeployedForm deployed = DeployedForm.prepare(args.botJar(), work.resolve("deployed"));
        List<Form> forms = List.of(new Form("java -jar", BotProcess.RECOMMENDED_JVM, args.botJar(), work.resolve("jar")),
                new Form("extracted + CDS as deploy/Dockerfile", deployed.jvm(), deployed.jar(),
                        work.resolve("deployed")));
        try (FakeSlackApi slack = new FakeSlackApi()) {
            for (int start = 1; start <= starts; start++) {
                for (Form form : forms) {
                    form.rows.add(measure(form, start, idle, slack));
                }
            }
        }
        System.out.printf("footprint: %d cores, JVM %s, heap settings %s; CDS training run %.1f s (load %s)%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                String.join(" ", BotProcess.RECOMMENDED_JVM), deployed.trainingSeconds(), trainingLoad);
        Table table = new Table("form", "start", "data folder", "start-up to ready", "CPU to ready", "RSS when ready",
                "RSS after idle", "load before");
        forms.forEach(form -> form.rows.forEach(table::row));
        table.print();
    }

    private static String[] measure(Form form, int start, int idle, FakeSlackApi slack) throws Exception {
        String load = Machine.load();
        Path data = form.folder.resolve("data");
        try (BotProcess bot = BotProcess.start(form.jvm, form.jar, List.of(
                "--opsbot.embedded-mongo.data-dir=" + data.resolve("db"),
                "--opsbot.slack.signing-secret=" + Requests.SIGNING_SECRET,
                "--opsbot.slack.bot-token=" + FakeSlackApi.TOKEN,
                "--opsbot.slack.api-base-url=" + slack.apiBaseUrl(), "--opsbot.teams.local-mode=true"),
                form.folder.resolve("bot-" + start + ".log"))) {
            double ready = bot.awaitReady("/actuator/health/readiness", Duration.ofSeconds(120));
            double cpu = bot.cpuSeconds();
            long rssReady = bot.rssMb();
            Thread.sleep(idle * 1000L);
            return new String[] {form.label, Integer.toString(start), start == 1 ? "empty" : "kept",
                    String.format("%.1f s", ready), String.format("%.1f s", cpu), rssReady + " MB",
                    bot.rssMb() + " MB", load};
        }
    }

    /** One way of starting the bot, its own data folder, and the rows measured so far. */
    private record Form(String label, List<String> jvm, Path jar, Path folder, List<String[]> rows) {

        Form(String label, List<String> jvm, Path jar, Path folder) {
            this(label, jvm, jar, folder, new ArrayList<>());
        }
    }
}
