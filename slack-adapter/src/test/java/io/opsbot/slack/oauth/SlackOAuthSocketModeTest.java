package io.opsbot.slack.oauth;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.opsbot.slack.testing.FakeSlackApi;
import io.opsbot.slack.testing.FakeSlackApi.Install;
import io.opsbot.slack.testing.FakeSlackApi.Workspace;
import io.opsbot.slack.testing.FakeSocketModeServer;
import io.opsbot.slack.testing.Fixtures;
import io.opsbot.slack.testing.SlackOAuthAdapterTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Socket Mode with installs by OAuth: one app-level connection carries every workspace's requests, and each is served
 * by, and answered with the token of, its own workspace's installation.
 */
class SlackOAuthSocketModeTest extends SlackOAuthAdapterTest {

    private static final FakeSocketModeServer SOCKET = FakeSocketModeServer.startFor(SLACK);

    @DynamicPropertySource
    static void socketMode(DynamicPropertyRegistry registry) {
        registry.add("opsbot.slack.app-token", () -> "xapp-1-oauth-test");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        SOCKET.stop(1000);
    }

    private String command(Workspace workspace, String text) {
        JsonObject envelope = Fixtures.json("slack/socket_mode/slash_commands.json");
        String envelopeId = "env-" + UUID.randomUUID();
        envelope.addProperty("envelope_id", envelopeId);
        JsonObject payload = envelope.getAsJsonObject("payload");
        payload.addProperty("team_id", workspace.teamId());
        payload.addProperty("command", "/feedback");
        payload.addProperty("text", text);
        SOCKET.push(envelope.toString());
        String ack = await().atMost(Duration.ofSeconds(10)).until(() -> SOCKET.received().stream()
                .filter(m -> m.contains(envelopeId)).findFirst().orElse(null), Objects::nonNull);
        return JsonParser.parseString(ack).getAsJsonObject().getAsJsonObject("payload").get("text").getAsString();
    }

    @Test
    void eachWorkspacesRequestsOverTheOneSocketAreServedByItsOwnInstallation() {
        await().atMost(Duration.ofSeconds(10)).until(SOCKET::connected);
        String id = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        Workspace acme = Workspace.team("TSA" + id, "UBSA" + id);
        Workspace globex = Workspace.team("TSB" + id, "UBSB" + id);
        install(Install.of(acme, "xoxb-socket-acme-" + id));
        install(Install.of(globex, "xoxb-socket-globex-" + id));
        SLACK.channel("CSA" + id, null, acme.teamId());
        SLACK.channel("CSB" + id, null, globex.teamId());

        assertThat(command(acme, "First at Acme " + id)).contains("Saved as FB-1");
        assertThat(command(globex, "First at Globex " + id)).as("numbered per workspace").contains("Saved as FB-1");
        assertThat(command(Workspace.team("TSZ" + id, "UBSZ"), "Nobody installed me")).contains("not installed");

        // A DM over the socket is answered in that workspace, with its token.
        JsonObject dm = Fixtures.json("slack/events/message_im.docs.json");
        dm.addProperty("team_id", globex.teamId());
        dm.getAsJsonArray("authorizations").forEach(a -> a.getAsJsonObject().addProperty("team_id",
                globex.teamId()));
        dm.addProperty("event_id", "EvSocket" + id);
        dm.getAsJsonObject("event").addProperty("user", "U0BO" + id);
        dm.getAsJsonObject("event").addProperty("channel", "D0BO" + id);
        dm.getAsJsonObject("event").addProperty("text", "help");
        JsonObject envelope = new JsonObject();
        envelope.addProperty("envelope_id", "env-dm-" + id);
        envelope.add("payload", dm);
        envelope.addProperty("type", "events_api");
        envelope.addProperty("accepts_response_payload", false);
        SOCKET.push(envelope.toString());

        FakeSlackApi.Call reply = SLACK.awaitCall("chat.postMessage", c -> ("D0BO" + id).equals(c.param("channel")));
        assertThat(reply.token()).isEqualTo("xoxb-socket-globex-" + id);
    }
}
