package io.opsbot.bench;

import de.bwaldvogel.mongo.MongoServer;
import io.opsbot.core.config.CoreConfiguration;
import io.opsbot.core.testing.AnswersCopiedMemoryBackend;
import io.opsbot.slack.config.SlackAdapterConfiguration;
import io.opsbot.slack.testing.FakeSlackApi;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

import java.util.ArrayList;
import java.util.List;

/**
 * The bot a benchmark runs: the real core and Slack adapter (no web server) against an in-process mongo-java-server
 * and the local fake Slack Web API, quiet logs. Closing it stops all three.
 */
final class BenchBot implements AutoCloseable {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({CoreConfiguration.class, SlackAdapterConfiguration.class})
    static class BenchApplication {

        /** Every instance's commands are counted into one place: where a run spends its database time. */
        @org.springframework.context.annotation.Bean
        MongoClientSettingsBuilderCustomizer commandCounter() {
            return settings -> settings.addCommandListener(COMMANDS);
        }
    }

    /** The database commands of every bench bot in this process. */
    static final CommandCounter COMMANDS = new CommandCounter();

    final MongoServer mongo;
    private final boolean ownsMongo;
    final FakeSlackApi slack = new FakeSlackApi();
    final ConfigurableApplicationContext app;

    /** Starts it with these properties on top of the common ones, on a database of its own. */
    BenchBot(String... properties) {
        this(null, properties);
    }

    /**
     * Starts it on {@code shared} (another bot instance's database, left running when this one closes), or on a
     * database of its own when null; each instance has a fake Slack of its own, so what each sent can be told apart.
     */
    BenchBot(MongoServer shared, String... properties) {
        ownsMongo = shared == null;
        mongo = ownsMongo ? new MongoServer(new AnswersCopiedMemoryBackend()) : shared;
        if (ownsMongo) {
            mongo.bind("127.0.0.1", 0);
        }
        List<String> all = new ArrayList<>(List.of(
                "spring.mongodb.uri=mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort() + "/opsbot",
                "opsbot.slack.bot-token=" + FakeSlackApi.TOKEN, "opsbot.slack.signing-secret=bench",
                "opsbot.slack.api-base-url=" + slack.apiBaseUrl(), "spring.main.banner-mode=off",
                "logging.level.root=warn", "logging.level.io.opsbot=warn"));
        all.addAll(List.of(properties));
        app = new SpringApplicationBuilder(BenchApplication.class).web(WebApplicationType.NONE)
                .properties(all.toArray(String[]::new)).run();
    }

    <T> T bean(Class<T> type) {
        return app.getBean(type);
    }

    @Override
    public void close() {
        app.close();
        slack.close();
        if (ownsMongo) {
            mongo.shutdownNow();
        }
    }
}
