package io.opsbot.teams.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.testing.FakeTrackers;
import io.opsbot.teams.testing.FakeBotConnector.Recorded;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the Teams end-to-end tests ({@link TeamsTest}): real Teams activities in through {@code /api/messages},
 * what the bot sends out at a fake Bot Connector of the test class's own. Each test gets a tenant no other test uses
 * and a service URL under that tenant's path, so a late asynchronous send of one test (a triage post, a DM) never
 * counts in another: {@link #sent()} and the others see only this test's requests.
 */
@TeamsTest
public abstract class TeamsAdapterTest {

    private static final Map<Class<?>, FakeBotConnector> CONNECTORS = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Jira Cloud and Trello, for the feedback tracker links (set up by {@link TeamsTest}). */
    protected static final FakeTrackers TRACKERS = FakeTrackers.SHARED;

    /** This test class's fake Bot Connector: started for its first test, closed after its last. */
    protected final FakeBotConnector connector = CONNECTORS.computeIfAbsent(getClass(),
            testClass -> FakeBotConnector.start());

    @Autowired
    protected MockMvc mvc;

    protected String tenantId;
    protected TenantRef tenant;
    protected String serviceUrl;

    @AfterAll
    static void stopConnector(TestInfo testInfo) {
        FakeBotConnector connector = CONNECTORS.remove(testInfo.getTestClass().orElseThrow());
        if (connector != null) {
            connector.close();
        }
    }

    @BeforeEach
    void newTenant() {
        connector.clear();
        tenantId = TeamsRequests.freshTenant();
        tenant = TenantRef.teams(tenantId);
        serviceUrl = connector.baseUrl() + "/" + tenantId + "/";
    }

    /** A fixture activity in this test's tenant, coming from this test's service URL. */
    protected TeamsFixtures.Activity fixture(String name) {
        return TeamsFixtures.load(name).serviceUrl(serviceUrl).tenant(tenantId);
    }

    /** Posts the activity; the bot must take it (HTTP 200). */
    protected MvcResult send(TeamsFixtures.Activity activity) {
        MvcResult result = TeamsRequests.send(mvc, activity);
        assertThat(result.getResponse().getStatus()).as("HTTP status").isEqualTo(200);
        return result;
    }

    /** Whether the bot made this request to the connector for this test (at this test's service URL). */
    protected boolean mine(Recorded request) {
        return request.path().startsWith("/" + tenantId + "/");
    }

    /** Activities this test's bot sent, in order. */
    protected List<Recorded> sent() {
        return connector.sentActivities().stream().filter(this::mine).toList();
    }

    protected List<Recorded> sentTo(String conversationId) {
        return sent().stream().filter(r -> conversationId.equals(r.conversationId())).toList();
    }

    /** Activities this test's bot updated in place. */
    protected List<Recorded> updated() {
        return connector.updatedActivities().stream().filter(this::mine).toList();
    }

    /** 1:1 chats this test's bot created. */
    protected List<Recorded> createdConversations() {
        return connector.createdConversations().stream().filter(this::mine).toList();
    }

    protected static Recorded single(List<Recorded> recorded) {
        assertThat(recorded).hasSize(1);
        return recorded.get(0);
    }

    /** The body the bot answered the request with (an invoke response). */
    protected static JsonNode json(MvcResult result) {
        try {
            return JSON.readTree(result.getResponse().getContentAsString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
