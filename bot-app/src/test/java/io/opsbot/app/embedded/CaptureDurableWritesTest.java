package io.opsbot.app.embedded;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.opsbot.app.OpsBotApplication;
import io.opsbot.slack.testing.FakeSlackApi;
import io.opsbot.slack.testing.SignedSlackRequests;
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

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A signed {@code /feedback <text>} is answered "Saved as FB-n" after one write that waits for the disk, the item
 * itself: the replay claim, the rate-limit bucket, the number, the queued triage post and the search version do not
 * wait for it (a later durable write carries them, and losing them in a crash is harmless). Seen as the commands the
 * request thread sends.
 */
class CaptureDurableWritesTest {

    private static final FakeSlackApi SLACK = new FakeSlackApi();
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
    }

    @Test
    void aCaptureWaitsForTheDiskOnceForTheItem() {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(OpsBotApplication.class,
                RecordCommands.class).run("--server.port=0", "--opsbot.embedded-mongo.data-dir=" + dataDir,
                "--opsbot.slack.bot-token=" + FakeSlackApi.TOKEN, "--opsbot.slack.signing-secret=" + SECRET,
                "--opsbot.slack.api-base-url=" + SLACK.apiBaseUrl(), "--spring.quartz.auto-startup=false")) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            SignedSlackRequests slack = new SignedSlackRequests("http://127.0.0.1:" + port + "/slack/events",
                    SECRET);
            assertThat(feedback(slack, "U100", "First item builds the search index #billing").body())
                    .contains("Saved as FB-1");
            SENT.clear();

            HttpResponse<String> saved = feedback(slack, "U101", "Export is slow #billing");

            assertThat(saved.body()).contains("Saved as FB-2");
            String requestThread = SENT.stream().filter(s -> s.name().equals("insert")
                    && s.command().getString("insert").getValue().equals("feedback")).findFirst().orElseThrow()
                    .thread();
            List<Sent> request = SENT.stream().filter(s -> s.thread().equals(requestThread)).toList();
            System.out.printf("A capture sent %d commands on its request thread: %s%n", request.size(),
                    request.stream().map(s -> s.name() + " " + s.command().get(s.name())).toList());
            assertThat(request.stream().filter(Sent::durableWrite).map(s -> s.name() + " " + s.command()
                    .get(s.name()).asString().getValue()))
                    .as("writes that wait for the disk").containsExactly("insert feedback");
            assertThat(request.stream().filter(s -> WRITES.contains(s.name())).count())
                    .as("claim, bucket, number, item, triage flag, search version, profile").isGreaterThan(4);
        }
    }

    private static HttpResponse<String> feedback(SignedSlackRequests slack, String user, String text) {
        return slack.slashCommand(Map.of("command", "/feedback", "text", text, "enterprise_id", "",
                "user_id", user));
    }
}
