package io.opsbot.teams;

import io.opsbot.core.gateway.DeliveryException;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.gateway.PostedMessage;
import io.opsbot.core.message.Message;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.teams.conversations.ConversationReferences;
import io.opsbot.teams.outbound.TeamsChatGateway;
import io.opsbot.teams.people.TeamsPeople;
import io.opsbot.teams.testing.FakeBotConnector;
import io.opsbot.teams.testing.FakeBotConnector.Recorded;
import io.opsbot.teams.testing.TeamsFixtures;
import io.opsbot.teams.testing.TeamsRequests;
import io.opsbot.teams.testing.TeamsTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/** Proactive sends through stored conversation references, and how connector failures reach the core. */
@TeamsTest
class TeamsChatGatewayTest {

    static final FakeBotConnector connector = FakeBotConnector.start();
    static final String CHANNEL = "19:0b7f32667e064dd9b25d7969801541f4@thread.tacv2";

    @Autowired
    MockMvc mvc;
    @Autowired
    TeamsChatGateway gateway;
    @Autowired
    ConversationReferences references;
    @Autowired
    TeamsPeople people;

    private TenantRef tenant;
    private Destination.Channel channel;

    @AfterAll
    static void stop() {
        connector.close();
    }

    @BeforeEach
    void installInATeam() {
        String tenantId = TeamsRequests.freshTenant();
        tenant = TenantRef.teams(tenantId);
        channel = new Destination.Channel(tenant, CHANNEL);
        TeamsRequests.send(mvc, TeamsFixtures.load("conversationUpdate.membersAdded.bot-added-to-team.json")
                .serviceUrl(connector.serviceUrl()).tenant(tenantId));
        connector.clear();
    }

    @Test
    void sendsToAChannelAndIntoAReplyChainAndUpdatesInPlace() {
        PostedMessage posted = gateway.send(channel, Message.text("Top-level post"));
        PostedMessage reply = gateway.send(posted.thread(), Message.text("In the thread"));
        gateway.update(posted, Message.text("Edited"));

        assertThat(connector.sentActivities()).extracting(Recorded::conversationId)
                .containsExactly(CHANNEL, CHANNEL + ";messageid=" + posted.messageId());
        assertThat(reply.conversationId()).isEqualTo(CHANNEL + ";messageid=" + posted.messageId());
        Recorded update = connector.updatedActivities().get(0);
        assertThat(update.path()).isEqualTo("/amer/v3/conversations/" + CHANNEL + "/activities/" + posted.messageId());
        assertThat(update.body().path("text").asText()).isEqualTo("Edited");
    }

    @Test
    void aDirectMessageOpensThePersonalChatOnceAndReusesIt() {
        UserRef person = new UserRef(tenant, "29:1XJKJMvc5GBtc2JwZq0oj8tHZmzrQgFmB39ATiQWA85gQtHieVkKilBZ9XHoq9j7Z");

        PostedMessage first = gateway.send(new Destination.Direct(person), Message.text("Your FB-1 shipped"));
        PostedMessage second = gateway.send(new Destination.Direct(person), Message.text("Your FB-2 shipped"));

        Recorded create = connector.createdConversations().get(0);
        assertThat(connector.createdConversations()).hasSize(1);
        assertThat(create.body().path("members").get(0).path("id").asText()).isEqualTo(person.userId());
        assertThat(create.body().path("bot").path("id").asText()).isEqualTo("28:608cacfd-1cea-40c9-b678-4b93e69bb72b");
        assertThat(create.body().path("tenantId").asText()).isEqualTo(tenant.tenantId());
        assertThat(create.body().path("channelData").path("tenant").path("id").asText()).isEqualTo(tenant.tenantId());
        assertThat(first.conversationId()).startsWith("a:fake-personal-").isEqualTo(second.conversationId());
        assertThat(references.personal(tenant, person.userId())).isPresent();
    }

    @Test
    void aPersonKnownByEntraIdGetsTheirChatCreatedWithTheTeamsUserIdTheBotHasSeen() {
        String aad = "7faf8ab2-3d56-4244-b585-20c8a42ed2b8";
        String teamsId = "29:1XJKJMvc5GBtc2JwZq0oj8tHZmzrQgFmB39ATiQWA85gQtHieVkKilBZ9XHoq9j7Zaqt7CZ-NJWi7me2kHTL3Bw";
        people.seen(tenant, aad, teamsId, "Megan Bowen", null);
        String stranger = "c5e99701-2a32-49c1-a660-4629ceeb8c61";

        gateway.send(new Destination.Direct(new UserRef(tenant, aad)), Message.text("Time for the standup"));
        gateway.send(new Destination.Direct(new UserRef(tenant, stranger)), Message.text("Time for the standup"));
        gateway.send(new Destination.Direct(new UserRef(tenant, aad)), Message.text("Reminder"));

        assertThat(connector.createdConversations()).extracting(c -> c.body().path("members").get(0).path("id")
                .asText()).as("the Entra object id only when nothing better is known")
                .containsExactly(teamsId, stranger);
        assertThat(references.personal(tenant, aad).orElseThrow().getUserId()).isEqualTo(teamsId);
    }

    @Test
    void rateLimitingBecomesRateLimitedWithTheRetryAfter() {
        connector.failNextWithRateLimit(7);

        assertThatThrownBy(() -> gateway.send(channel, Message.text("hi")))
                .asInstanceOf(type(DeliveryException.class)).satisfies(e -> {
                    assertThat(e.reason()).isEqualTo(DeliveryException.Reason.RATE_LIMITED);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
                    assertThat(e.retryable()).isTrue();
                });
    }

    @Test
    void otherFailuresAreClassifiedAndNotRetriedBehindTheCoresBack() {
        connector.failNextWithForbidden();
        assertThat(reason(() -> gateway.send(channel, Message.text("a")))).isEqualTo(DeliveryException.Reason.UNREACHABLE);
        connector.failNextWithServerError();
        assertThat(reason(() -> gateway.send(channel, Message.text("b")))).isEqualTo(DeliveryException.Reason.TRANSIENT);
        connector.failNext(412, java.util.Map.of(), "{}");
        assertThat(reason(() -> gateway.send(channel, Message.text("c")))).isEqualTo(DeliveryException.Reason.TRANSIENT);
        connector.failNext(400, java.util.Map.of(), "{\"error\":{\"code\":\"BadArgument\",\"message\":\"x\"}}");
        assertThat(reason(() -> gateway.send(channel, Message.text("d")))).isEqualTo(DeliveryException.Reason.REJECTED);

        assertThat(connector.sentActivities()).as("one request per send: the SDK's own retries are off").hasSize(4);
    }

    @Test
    void aConversationWithoutAReferenceIsUnreachable() {
        Destination.Channel unknown = new Destination.Channel(tenant, "19:never-seen@thread.tacv2");

        assertThatThrownBy(() -> gateway.send(unknown, Message.text("hi")))
                .asInstanceOf(type(DeliveryException.class)).satisfies(e -> {
                    assertThat(e.reason()).isEqualTo(DeliveryException.Reason.UNREACHABLE);
                    assertThat(e.getMessage()).contains("No Teams conversation reference for 19:never-seen");
                });
        assertThat(reason(() -> gateway.send(new Destination.Direct(new UserRef(TenantRef.teams("nowhere"), "29:x")),
                Message.text("hi")))).isEqualTo(DeliveryException.Reason.UNREACHABLE);
        assertThat(connector.requests()).isEmpty();
    }

    @Test
    void aConnectorThatCannotBeReachedIsTransient() {
        String deadServiceUrl;
        try (FakeBotConnector gone = FakeBotConnector.start()) {
            deadServiceUrl = gone.serviceUrl();
        }
        references.record(new ConversationReferences.Seen(tenant, "19:moved@thread.tacv2", "channel", deadServiceUrl,
                "28:bot", null, null, null, null));

        assertThat(reason(() -> gateway.send(new Destination.Channel(tenant, "19:moved@thread.tacv2"),
                Message.text("hi")))).isEqualTo(DeliveryException.Reason.TRANSIENT);
    }

    private static DeliveryException.Reason reason(Runnable send) {
        try {
            send.run();
        } catch (DeliveryException e) {
            return e.reason();
        }
        throw new AssertionError("no DeliveryException");
    }
}
