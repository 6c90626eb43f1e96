package io.opsbot.app.embedded;

import com.google.gson.JsonParser;
import io.opsbot.app.OpsBotApplication;
import io.opsbot.slack.testing.FakeSlackApi;
import io.opsbot.slack.testing.SignedSlackRequests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An online backup of the embedded database through {@code POST /admin/backup} (refused without the token), then the
 * restore the README describes: stop the bot, put the backup's {@code opsbot.mv.db} in the data folder, start it.
 * What was saved before the backup is back; what came after it is not.
 */
class BackupRestoreTest {

    private static final FakeSlackApi SLACK = new FakeSlackApi();
    private static final String SECRET = "backup-test-secret";
    private static final String TOKEN = "backup-token-for-tests";

    @TempDir
    Path dataDir;
    @TempDir
    Path backupDir;

    @AfterAll
    static void stopFake() {
        SLACK.close();
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(OpsBotApplication.class).run("--server.port=0",
                "--opsbot.embedded-mongo.data-dir=" + dataDir, "--opsbot.embedded-mongo.backup-dir=" + backupDir,
                "--opsbot.embedded-mongo.backup-token=" + TOKEN, "--opsbot.slack.bot-token=" + FakeSlackApi.TOKEN,
                "--opsbot.slack.signing-secret=" + SECRET, "--opsbot.slack.api-base-url=" + SLACK.apiBaseUrl(),
                "--opsbot.teams.enabled=false", "--spring.quartz.auto-startup=false");
    }

    private static int port(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    private static String feedback(ConfigurableApplicationContext app, String text) {
        return new SignedSlackRequests("http://127.0.0.1:" + port(app) + "/slack/events", SECRET).slashCommand(
                Map.of("command", "/feedback", "text", text, "enterprise_id", "")).body();
    }

    private static HttpResponse<String> backup(ConfigurableApplicationContext app, String authorization)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(app)
                + "/admin/backup")).POST(HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anOnlineBackupRestoresWhatWasSavedBeforeIt() throws Exception {
        Path backupFile;
        try (ConfigurableApplicationContext app = start()) {
            assertThat(feedback(app, "Before the backup one #billing")).contains("Saved as FB-1");
            assertThat(feedback(app, "Before the backup two #billing")).contains("Saved as FB-2");

            assertThat(backup(app, null).statusCode()).isEqualTo(401);
            assertThat(backup(app, "Bearer wrong").statusCode()).isEqualTo(401);
            HttpResponse<String> made = backup(app, "Bearer " + TOKEN);
            assertThat(made.statusCode()).isEqualTo(200);
            backupFile = Path.of(JsonParser.parseString(made.body()).getAsJsonObject().get("file").getAsString());
            assertThat(backupFile).exists().startsWith(backupDir);

            assertThat(feedback(app, "After the backup #billing")).contains("Saved as FB-3");
        }

        // The restore, as in the README: the bot is stopped; the backup's file replaces the data file.
        try (InputStream in = Files.newInputStream(backupFile); ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry entry = zip.getNextEntry();
            assertThat(entry.getName()).isEqualTo("opsbot.mv.db");
            Files.copy(zip, dataDir.resolve("opsbot.mv.db"), StandardCopyOption.REPLACE_EXISTING);
        }

        try (ConfigurableApplicationContext app = start()) {
            String list = feedback(app, "list");
            assertThat(list).contains("Before the backup one").contains("Before the backup two")
                    .doesNotContain("After the backup");
        }
    }

    @Test
    void withoutATokenTheEndpointDoesNotExist() throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(OpsBotApplication.class).run(
                "--server.port=0", "--opsbot.embedded-mongo.data-dir=" + dataDir, "--opsbot.teams.enabled=false",
                "--spring.quartz.auto-startup=false")) {
            assertThat(backup(app, "Bearer anything").statusCode()).isEqualTo(404);
        }
    }
}
