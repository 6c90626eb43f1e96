package io.opsbot.app.embedded;

import de.bwaldvogel.mongo.MongoServer;
import io.opsbot.app.OpsBotApplication;
import io.opsbot.core.testing.MongoTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** With a MongoDB URI (new or legacy property name) nothing embedded starts and that database is used. */
class EmbeddedMongoSwitchTest {

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start(String uriProperty, String database) {
        return new SpringApplicationBuilder(OpsBotApplication.class).run("--server.port=0",
                "--opsbot.embedded-mongo.data-dir=" + dataDir, "--spring.quartz.auto-startup=false",
                "--" + uriProperty + "=" + MongoTestServer.uri(database));
    }

    @Test
    void aConfiguredUriIsUsedAndNoEmbeddedServerStarts() {
        try (ConfigurableApplicationContext app = start("spring.mongodb.uri", "switch_current")) {
            assertThat(app.getBeansOfType(MongoServer.class)).isEmpty();
            assertThat(app.getBean(MongoTemplate.class).getDb().getName()).isEqualTo("switch_current");
        }
        assertThat(Files.exists(dataDir.resolve("opsbot.mv.db"))).isFalse();
    }

    @Test
    void theLegacySpringDataPropertyStillWorks() {
        try (ConfigurableApplicationContext app = start("spring.data.mongodb.uri", "switch_legacy")) {
            assertThat(app.getBeansOfType(MongoServer.class)).isEmpty();
            assertThat(app.getBean(MongoTemplate.class).getDb().getName()).isEqualTo("switch_legacy");
        }
    }
}
