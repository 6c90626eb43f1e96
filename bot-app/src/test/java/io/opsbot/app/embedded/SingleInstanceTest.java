package io.opsbot.app.embedded;

import de.bwaldvogel.mongo.MongoServer;
import io.opsbot.app.OpsBotApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The embedded database serves one instance: a second bot on the same data folder, or pointed at the first one's
 * embedded database through a URI, refuses to start and says how to run several instances (a replica set).
 */
class SingleInstanceTest {

    @TempDir
    Path dataDir;
    @TempDir
    Path otherDir;

    private static ConfigurableApplicationContext start(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "--server.port=0";
        all[1] = "--opsbot.teams.enabled=false";
        all[2] = "--spring.quartz.auto-startup=false";
        System.arraycopy(args, 0, all, 3, args.length);
        return new SpringApplicationBuilder(OpsBotApplication.class).run(all);
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    @Test
    void aSecondBotOnTheSameDataFolderIsRefused() {
        try (ConfigurableApplicationContext first = start("--opsbot.embedded-mongo.data-dir=" + dataDir)) {
            assertThat(first.isActive()).isTrue();
            Throwable refused = catchThrowable(() -> start("--opsbot.embedded-mongo.data-dir=" + dataDir).close());
            assertThat(messages(refused)).contains("is in use by another Product Ops Bot process")
                    .contains("replica set");
        }
    }

    @Test
    void aSecondBotPointedAtTheFirstOnesEmbeddedDatabaseIsRefused() {
        try (ConfigurableApplicationContext first = start("--opsbot.embedded-mongo.data-dir=" + dataDir)) {
            int port = first.getBean(MongoServer.class).getLocalAddress().getPort();
            Throwable refused = catchThrowable(() -> start("--opsbot.embedded-mongo.data-dir=" + otherDir,
                    "--spring.mongodb.uri=mongodb://127.0.0.1:" + port + "/opsbot").close());
            assertThat(messages(refused)).contains("the embedded database of another Product Ops Bot")
                    .contains("SPRING_MONGODB_URI=mongodb://host1,host2,host3/opsbot?replicaSet=rs0");
        }
    }
}
