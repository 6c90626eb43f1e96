package io.opsbot.teams.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.testing.OutboxDriver;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import java.io.IOException;
import java.util.UUID;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Posts activities to {@code /api/messages} the way the Bot Connector does. */
public final class TeamsRequests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TeamsRequests() {
    }

    /** A tenant id no other test uses, so tests sharing a database never see each other's data. */
    public static String freshTenant() {
        return "tenant-" + UUID.randomUUID();
    }

    public static MvcResult send(MockMvc mvc, TeamsFixtures.Activity activity) {
        return send(mvc, activity.toString(), null);
    }

    /**
     * Posts the activity and, once it is answered, waits for the first attempt at the replies it queued (the outbox
     * posts them after the 200), so what the fake connector got can be read right after.
     */
    public static MvcResult send(MockMvc mvc, String body, String bearerToken) {
        MvcResult result;
        try {
            var request = post("/api/messages").contentType(MediaType.APPLICATION_JSON).content(body);
            if (bearerToken != null) {
                request.header(HttpHeaders.AUTHORIZATION, "Bearer " + bearerToken);
            }
            result = mvc.perform(request).andReturn();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        String tenantId = tenantOf(body);
        if (tenantId != null) {
            awaitReplies(mvc.getDispatcherServlet().getWebApplicationContext().getBean(MongoTemplate.class),
                    tenantId);
        }
        return result;
    }

    /** Waits for the first attempt at every reply queued for this tenant (see {@link #send(MockMvc, String, String)}). */
    public static void awaitReplies(MongoTemplate mongo, String tenantId) {
        OutboxDriver.awaitAttempted(mongo, "teams-reply:" + TenantRef.teams(tenantId).key() + ":");
    }

    private static String tenantOf(String body) {
        try {
            JsonNode activity = JSON.readTree(body);
            String tenant = activity.path("channelData").path("tenant").path("id").asText("");
            return tenant.isEmpty() ? activity.path("conversation").path("tenantId").asText(null) : tenant;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
