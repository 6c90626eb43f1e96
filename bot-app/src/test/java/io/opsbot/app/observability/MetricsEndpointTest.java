package io.opsbot.app.observability;

import io.opsbot.app.OpsBotApplication;
import io.opsbot.slack.testing.FakeSlackApi;
import io.opsbot.slack.testing.SignedSlackRequests;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What operators scrape and probe, from outside over HTTP: a signed slash command is counted by platform and command
 * with its latency and its acknowledgement, its triage post as a delivery; the outbox, scheduler and dialog meters
 * exist from the start; the health groups name the database and Slack's Web API; nothing a person typed appears in
 * the metrics.
 */
class MetricsEndpointTest {

    private static final String SECRET = "metrics-secret";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    private FakeSlackApi slack;
    private ConfigurableApplicationContext app;
    private String base;

    @BeforeEach
    void start() {
        slack = new FakeSlackApi();
        app = new SpringApplicationBuilder(OpsBotApplication.class).run("--server.port=0",
                "--opsbot.embedded-mongo.data-dir=" + dataDir, "--opsbot.slack.signing-secret=" + SECRET,
                "--opsbot.slack.bot-token=" + FakeSlackApi.TOKEN, "--opsbot.slack.api-base-url=" + slack.apiBaseUrl(),
                "--opsbot.slack.triage-channel=C0TRIAGE", "--opsbot.teams.enabled=false",
                "--spring.main.banner-mode=off");
        base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
    }

    @AfterEach
    void stop() {
        app.close();
        slack.close();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void commandsAcksDeliveriesAndBacklogAreScrapedWithoutWhatPeopleTyped() throws Exception {
        HttpResponse<String> saved = new SignedSlackRequests(base + "/slack/events", SECRET).slashCommand(Map.of(
                "team_id", FakeSlackApi.TEAM_ID, "command", "/feedback", "text", "Secret roadmap leak #billing"));
        assertThat(saved.body()).contains("FB-1");
        await().atMost(Duration.ofSeconds(20)).until(() -> !slack.calls("chat.postMessage").isEmpty());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpResponse<String> scraped = get("/actuator/prometheus");
            assertThat(scraped.statusCode()).isEqualTo(200);
            assertThat(scraped.body())
                    .containsPattern("opsbot_commands_seconds_bucket\\{[^}]*command=\"feedback\"[^}]*outcome=\"ok\""
                            + "[^}]*platform=\"slack\"[^}]*le=\"3\\.0\"")
                    .containsPattern("opsbot_ack_seconds_count\\{[^}]*kind=\"command\"[^}]*platform=\"slack\"[^}]*"
                            + "status=\"200\"[^}]*} 1")
                    .containsPattern("opsbot_deliveries_total\\{[^}]*outcome=\"sent\"[^}]*} [1-9]")
                    .contains("opsbot_deliveries_total{application=\"opsbot\",outcome=\"rate-limited\"}")
                    .contains("opsbot_outbox_backlog", "opsbot_outbox_oldest_age_seconds", "opsbot_dialogs_open",
                            "opsbot_scheduler_lag_seconds_count", "jvm_memory_used_bytes")
                    .doesNotContain("roadmap", "billing", "xoxb-");
        });
    }

    @Test
    void healthSaysWhichPartIsDown() throws Exception {
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"mongo\":{\"status\":\"UP\"");
        HttpResponse<String> database = get("/actuator/health/database");
        assertThat(database.statusCode()).isEqualTo(200);
        assertThat(database.body()).contains("\"status\":\"UP\"");
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/slack").body()).contains("\"slackWebApi\":{\"status\":\"UP\"");
        SignedSlackRequests requests = new SignedSlackRequests(base + "/slack/events", SECRET);
        assertThat(requests.slashCommand(Map.of("team_id", FakeSlackApi.TEAM_ID, "command", "/feedback", "text",
                "Triaged while the token works")).body()).contains("FB-1");
        await().atMost(Duration.ofSeconds(20)).until(() -> !slack.calls("chat.postMessage").isEmpty());

        // Over HTTP, Slack's requests keep coming in; only the Web API's answers show the bot's token is dead.
        slack.revoke(FakeSlackApi.TOKEN);
        assertThat(requests.slashCommand(Map.of("team_id", FakeSlackApi.TEAM_ID, "command", "/feedback", "text",
                "Triaged after the token was revoked")).body()).contains("FB-2");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            HttpResponse<String> slackHealth = get("/actuator/health/slack");
            assertThat(slackHealth.statusCode()).isEqualTo(503);
            assertThat(slackHealth.body()).contains("\"slackWebApi\":{\"status\":\"DOWN\"");
        });
        assertThat(get("/actuator/health").statusCode()).isEqualTo(503);
        assertThat(get("/actuator/health/database").statusCode()).isEqualTo(200);
    }

    /**
     * H2 closes the embedded store for good when a write fails (it did so at 64 MB of direct memory, see README
     * Performance): the probes then say so, and the orchestrator restarts the bot, instead of a live bot answering
     * every command with an error while the embedded server still answers ping.
     */
    @Test
    void aClosedEmbeddedStoreTakesLivenessAndReadinessDown() throws Exception {
        SignedSlackRequests requests = new SignedSlackRequests(base + "/slack/events", SECRET);
        assertThat(requests.slashCommand(Map.of("team_id", FakeSlackApi.TEAM_ID, "command", "/feedback", "text",
                "Saved while the file is open")).body()).contains("FB-1");
        assertThat(get("/actuator/health/liveness").body()).contains("\"embeddedStore\":{\"status\":\"UP\"");

        // What H2 does when a write fails.
        app.getBean(MVStore.class).closeImmediately();

        HttpResponse<String> liveness = get("/actuator/health/liveness");
        assertThat(liveness.statusCode()).isEqualTo(503);
        assertThat(liveness.body()).contains("\"embeddedStore\":{\"status\":\"DOWN\"");
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(503);
        assertThat(get("/actuator/health/database").statusCode()).isEqualTo(503);
        assertThat(get("/actuator/health/database").body()).doesNotContain("Exception");
    }
}
