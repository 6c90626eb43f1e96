package io.opsbot.slack.socket;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.opsbot.core.testing.MongoTestServer;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.slack.testing.FakeSlackApi;
import io.opsbot.slack.testing.FakeSocketModeServer;
import io.opsbot.slack.testing.Fixtures;
import io.opsbot.slack.testing.ManualDelays;
import io.opsbot.slack.testing.SlackTestApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Socket Mode against a fake Slack (WebSocket server and Web API) that misbehaves the ways Slack does: closes with
 * 1001, 1006 and 1011, sends {@code disconnect}, answers apps.connections.open with {@code ok:false} and HTTP 5xx, and
 * goes away for a minute. The bot reconnects every time, with one WARN line per failed attempt (a stack trace only on
 * the first), a command sent after recovery is answered, and health says DOWN once it has been down longer than the
 * grace period and UP again after. The reconnect waits are the production ones, on a clock the test moves.
 */
@SpringBootTest(classes = {SlackTestApplication.class, SocketModeReconnectTest.VirtualTime.class},
        properties = {"spring.quartz.auto-startup=false", "opsbot.slack.socket-mode.down-after=30s"})
@ContextConfiguration(initializers = MongoTestServer.Initializer.class)
class SocketModeReconnectTest {

    private static final FakeSlackApi SLACK = new FakeSlackApi();
    private static final FakeSocketModeServer SOCKET = FakeSocketModeServer.startFor(SLACK);
    private static final AtomicInteger COMMANDS = new AtomicInteger();

    @TestConfiguration
    static class VirtualTime {
        @Bean
        @Primary
        ManualDelays manualDelays(MutableClock clock) {
            return new ManualDelays(clock);
        }
    }

    @Autowired
    ManualDelays delays;
    @Autowired
    SocketModeSupervisor supervisor;
    @Autowired
    MutableClock clock;
    @Autowired
    HealthIndicator slackSocketModeHealthIndicator;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @DynamicPropertySource
    static void socketMode(DynamicPropertyRegistry registry) {
        registry.add("opsbot.slack.bot-token", () -> "xoxb-test-token");
        registry.add("opsbot.slack.app-token", () -> "xapp-1-reconnect");
        registry.add("opsbot.slack.api-base-url", SLACK::apiBaseUrl);
    }

    @BeforeEach
    void connected() {
        delays.runDue();
        await().until(() -> supervisor.status().connected() && SOCKET.connections() == 1);
        log.start();
        ((Logger) LoggerFactory.getLogger(SocketModeSupervisor.class)).addAppender(log);
    }

    @AfterEach
    void stopListening() {
        SLACK.down(false);
        ((Logger) LoggerFactory.getLogger(SocketModeSupervisor.class)).detachAppender(log);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        SOCKET.stop(1000);
        SLACK.close();
    }

    @Test
    void everyTicketOpensOneConnectionAndCommandsAreAnswered() {
        long tickets = SLACK.calls("apps.connections.open").stream()
                .filter(c -> c.responseBody().contains("\"ok\":true")).count();
        assertThat(tickets).as("apps.connections.open tickets, each used once").isEqualTo(SOCKET.opened());
        assertThat(health()).isEqualTo(Status.UP);
        assertThat(command("Started with one ticket")).contains("Saved as FB-");
    }

    @Test
    void closeCodes1001And1011AndADroppedConnectionAreEachReconnectedAtOnce() {
        for (int code : List.of(1001, 1011, 1006)) {
            int before = SOCKET.opened();
            if (code == 1006) {
                SOCKET.dropAll();
            } else {
                SOCKET.closeAll(code, "fake slack closes");
            }
            reconnect();
            assertThat(SOCKET.opened()).as("after close code %d", code).isEqualTo(before + 1);
            assertThat(command("After close " + code)).contains("Saved as FB-");
        }
        assertThat(warnings()).allMatch(e -> e.getFormattedMessage().startsWith("Slack closed the Socket Mode"));
    }

    @Test
    void aDisconnectFrameGetsANewConnectionBeforeTheOldOneGoes() {
        int before = SOCKET.opened();
        SOCKET.disconnectAll("refresh_requested");
        await().until(() -> delays.pending() > 0);
        delays.runDue();

        assertThat(SOCKET.opened()).isEqualTo(before + 1);
        await().until(() -> SOCKET.connections() == 1);
        assertThat(command("After disconnect frame")).contains("Saved as FB-");
        assertThat(health()).isEqualTo(Status.UP);
    }

    @Test
    void okFalseAndHttp5xxAreRetriedWithBackoffAndOneLinePerAttempt() {
        SLACK.failNextWithStatus("apps.connections.open", 503);
        SLACK.failNext("apps.connections.open", "internal_error");
        SLACK.failNext("apps.connections.open", "internal_error");
        SLACK.failNextWithStatus("apps.connections.open", 502);
        SLACK.failNext("apps.connections.open", "internal_error");
        SOCKET.closeAll(1011, "internal error");
        await().until(() -> !supervisor.status().connected() && delays.pending() > 0);

        delays.advance(Duration.ofSeconds(60), Duration.ofMillis(100));

        assertThat(supervisor.status().connected()).isTrue();
        List<ILoggingEvent> failures = warnings().stream()
                .filter(e -> e.getFormattedMessage().startsWith("Slack Socket Mode not connected")).toList();
        assertThat(failures).hasSize(5);
        assertThat(failures.get(0).getThrowableProxy()).as("the first failure's stack trace").isNotNull();
        assertThat(failures.subList(1, 5)).allMatch(e -> e.getThrowableProxy() == null);
        assertThat(failures.get(1).getFormattedMessage()).contains("internal_error");
        assertThat(command("After ok:false and 5xx")).contains("Saved as FB-");
    }

    @Test
    void theApiDownForAMinuteMeansHealthDownThenUpAndTheNextCommandIsAnswered() {
        SLACK.down(true);
        SOCKET.closeAll(1011, "internal error");
        await().until(() -> !supervisor.status().connected() && delays.pending() > 0);

        delays.advance(Duration.ofSeconds(20), Duration.ofMillis(250));
        assertThat(health()).as("down for 20 s, within the 30 s grace").isEqualTo(Status.UP);
        delays.advance(Duration.ofSeconds(40), Duration.ofMillis(250));
        assertThat(health()).as("down for 60 s").isEqualTo(Status.DOWN);
        int attempts = (int) warnings().stream()
                .filter(e -> e.getFormattedMessage().startsWith("Slack Socket Mode not connected")).count();
        assertThat(attempts).as("attempts in the minute, with backoff").isBetween(5, 12);

        SLACK.down(false);
        delays.advance(Duration.ofSeconds(61), Duration.ofMillis(250));
        assertThat(supervisor.status().connected()).isTrue();
        assertThat(health()).isEqualTo(Status.UP);
        assertThat(command("After a minute without Slack")).contains("Saved as FB-");
    }

    private void reconnect() {
        await().until(() -> !supervisor.status().connected() && delays.pending() > 0);
        delays.runDue();
        await().until(() -> supervisor.status().connected() && SOCKET.connections() == 1);
    }

    private Status health() {
        return slackSocketModeHealthIndicator.health().getStatus();
    }

    private List<ILoggingEvent> warnings() {
        return log.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
    }

    /** A /feedback slash command over the socket; returns the reply carried by its acknowledgement. */
    private static String command(String text) {
        JsonObject envelope = Fixtures.json("slack/socket_mode/slash_commands.json");
        String envelopeId = "env-" + UUID.randomUUID();
        envelope.addProperty("envelope_id", envelopeId);
        JsonObject payload = envelope.getAsJsonObject("payload");
        payload.addProperty("team_id", FakeSlackApi.TEAM_ID);
        payload.addProperty("command", "/feedback");
        payload.addProperty("text", text + " " + COMMANDS.incrementAndGet());
        SOCKET.push(envelope.toString());
        String ack = await().atMost(Duration.ofSeconds(60)).until(() -> SOCKET.received().stream()
                .filter(m -> m.contains(envelopeId)).findFirst().orElse(null), Objects::nonNull);
        return JsonParser.parseString(ack).getAsJsonObject().getAsJsonObject("payload").get("text").getAsString();
    }
}
