package io.opsbot.app.embedded;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.opsbot.app.OpsBotApplication;
import io.opsbot.slack.testing.FakeSlackApi;
import io.opsbot.slack.testing.SignedSlackRequests;
import io.opsbot.teams.testing.FakeBotConnector;
import io.opsbot.teams.testing.TeamsFixtures;
import io.opsbot.teams.testing.TeamsRequests;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A signed {@code /feedback <text>} is answered "Saved as FB-n" after one write that waits for the disk, the item
 * itself: the replay claim, the rate-limit bucket, the number, the queued triage post and the search version do not
 * wait for it (a later durable write carries them, and losing them in a crash is harmless). A Teams message reads the
 * person's dialog once and leaves its reply, stored, to the outbox: Teams' pace is kept after the answer. Seen as the
 * commands the request thread sends.
 */
class CaptureDurableWritesTest {

    private static final FakeSlackApi SLACK = new FakeSlackApi();
    private static final FakeBotConnector TEAMS = FakeBotConnector.start();
    private static final String SECRET = "capture-writes-secret";
    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findAndModify");
    private static final List<Sent> SENT = new CopyOnWriteArrayList<>();

    @TempDir
    Path dataDir;

    record Sent(String thread, BsonDocument command) {
        String name() {
            return command.getFirstKey();
        }

        boolean durableWrite() {
            return WRITES.contains(name()) && !(command.containsKey("writeConcern")
                    && command.getDocument("writeConcern").containsKey("j")
                    && !command.getDocument("writeConcern").getBoolean("j").getValue());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class RecordCommands {
        @Bean
        MongoClientSettingsBuilderCustomizer recordCommands() {
            return settings -> settings.addCommandListener(new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent event) {
                    SENT.add(new Sent(Thread.currentThread().getName(), event.getCommand().clone()));
                }
            });
        }
    }

    @AfterAll
    static void stopFake() {
        SLACK.close();
        TEAMS.close();
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(OpsBotApplication.class, RecordCommands.class).run("--server.port=0",
                "--opsbot.embedded-mongo.data-dir=" + dataDir, "--opsbot.slack.bot-token=" + FakeSlackApi.TOKEN,
                "--opsbot.slack.signing-secret=" + SECRET, "--opsbot.slack.api-base-url=" + SLACK.apiBaseUrl(),
                "--opsbot.teams.local-mode=true", "--spring.quartz.auto-startup=false");
    }

    /** The commands sent on the thread that inserted the feedback item: the request's own. */
    private static List<Sent> requestCommands() {
        String requestThread = SENT.stream().filter(s -> s.name().equals("insert")
                && s.command().getString("insert").getValue().equals("feedback")).findFirst().orElseThrow()
                .thread();
        return SENT.stream().filter(s -> s.thread().equals(requestThread)).toList();
    }

    private static String collection(Sent sent) {
        return sent.command().get(sent.name()).isString() ? sent.command().getString(sent.name()).getValue() : "";
    }

    @Test
    void aCaptureWaitsForTheDiskOnceForTheItem() {
        try (ConfigurableApplicationContext app = start()) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            SignedSlackRequests slack = new SignedSlackRequests("http://127.0.0.1:" + port + "/slack/events",
                    SECRET);
            assertThat(feedback(slack, "U100", "First item builds the search index #billing").body())
                    .contains("Saved as FB-1");
            SENT.clear();

            HttpResponse<String> saved = feedback(slack, "U101", "Export is slow #billing");

            assertThat(saved.body()).contains("Saved as FB-2");
            List<Sent> request = requestCommands();
            System.out.printf("A capture sent %d commands on its request thread: %s%n", request.size(),
                    request.stream().map(s -> s.name() + " " + s.command().get(s.name())).toList());
            assertThat(request.stream().filter(Sent::durableWrite).map(s -> s.name() + " " + s.command()
                    .get(s.name()).asString().getValue()))
                    .as("writes that wait for the disk").containsExactly("insert feedback");
            assertThat(request.stream().filter(s -> WRITES.contains(s.name())).count())
                    .as("claim, bucket, number, item, search version").isGreaterThan(4);
            assertThat(request).as("no triage channel yet: the item is saved waiting for one, nothing marked pending "
                    + "or updated after").noneMatch(s -> collection(s).equals("feedback_pending"))
                    .noneMatch(s -> s.name().equals("update") && collection(s).equals("feedback"));
        }
    }

    @Test
    void aTeamsMessageReadsItsDialogOnceAndItsReplyIsPacedAfterTheAnswer() throws Exception {
        try (ConfigurableApplicationContext app = start()) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            String tenantId = TeamsRequests.freshTenant();
            TeamsFixtures.Activity message = TeamsFixtures.load("message.personal.json").tenant(tenantId)
                    .serviceUrl(TEAMS.serviceUrl()).text("feedback Export is slow #billing");
            assertThat(teams(port, TeamsFixtures.load("message.personal.json").tenant(tenantId)
                    .serviceUrl(TEAMS.serviceUrl()).text("feedback First item builds the search index")))
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> TEAMS.sentActivities().size() == 1);
            SENT.clear();

            assertThat(teams(port, message)).isEqualTo(200);

            await().atMost(Duration.ofSeconds(10)).until(() -> TEAMS.sentActivities().size() == 2);
            assertThat(TEAMS.sentActivities().get(1).text()).contains("FB-2");
            List<Sent> request = requestCommands();
            System.out.printf("A Teams message sent %d commands on its request thread: %s%n", request.size(),
                    request.stream().map(s -> s.name() + " " + s.command().get(s.name())).toList());
            assertThat(request.stream().filter(s -> s.name().equals("find")
                    && collection(s).equals("dialog_heads"))).as("the person's dialog, read once").hasSize(1);
            assertThat(request).as("the reply, stored before the answer").anyMatch(s -> s.name().equals("insert")
                    && collection(s).equals("deliveries"));
            assertThat(request).as("Teams' pace is kept after the answer, by the outbox")
                    .noneMatch(s -> s.command().toJson().contains("teams-tenant:"));
        }
    }

    private static int teams(int port, TeamsFixtures.Activity activity) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/messages")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(activity.json().toString())).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static HttpResponse<String> feedback(SignedSlackRequests slack, String user, String text) {
        return slack.slashCommand(Map.of("command", "/feedback", "text", text, "enterprise_id", "",
                "user_id", user));
    }
}
