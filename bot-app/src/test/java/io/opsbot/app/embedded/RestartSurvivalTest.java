package io.opsbot.app.embedded;

import com.google.gson.JsonParser;
import de.bwaldvogel.mongo.MongoServer;
import io.opsbot.app.OpsBotApplication;
import io.opsbot.slack.testing.FakeSlackApi;
import io.opsbot.slack.testing.SignedSlackRequests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole application on its embedded database: feedback captured through a signed Slack request survives a stop
 * and a start on the same data folder, and is listed afterwards.
 */
class RestartSurvivalTest {

    private static final FakeSlackApi SLACK = new FakeSlackApi();
    private static final String SECRET = "restart-test-secret";

    @TempDir
    Path dataDir;

    @AfterAll
    static void stopFake() {
        SLACK.close();
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(OpsBotApplication.class).run(
                "--server.port=0",
                "--opsbot.embedded-mongo.data-dir=" + dataDir,
                "--opsbot.slack.bot-token=" + FakeSlackApi.TOKEN,
                "--opsbot.slack.signing-secret=" + SECRET,
                "--opsbot.slack.api-base-url=" + SLACK.apiBaseUrl(),
                "--spring.quartz.auto-startup=false");
    }

    private static HttpResponse<String> feedback(ConfigurableApplicationContext app, String text) {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        return new SignedSlackRequests("http://127.0.0.1:" + port + "/slack/events", SECRET).slashCommand(Map.of(
                "command", "/feedback", "text", text, "enterprise_id", ""));
    }

    @Test
    void capturedFeedbackIsStillThereAfterARestart() {
        try (ConfigurableApplicationContext first = start()) {
            assertThat(first.getBeansOfType(MongoServer.class)).hasSize(1);
            HttpResponse<String> saved = feedback(first, "Restart-proof item #billing !low");
            assertThat(saved.statusCode()).isEqualTo(200);
            assertThat(saved.body()).contains("Saved as FB-1");
        }
        assertThat(Files.exists(dataDir.resolve("opsbot.mv.db"))).isTrue();

        try (ConfigurableApplicationContext second = start()) {
            HttpResponse<String> list = feedback(second, "list");
            String blocks = JsonParser.parseString(list.body()).getAsJsonObject().get("blocks").toString();
            assertThat(blocks).contains("FB-1* Restart-proof item");

            HttpResponse<String> next = feedback(second, "Numbering continues");
            assertThat(next.body()).contains("Saved as FB-2");
        }
    }
}
