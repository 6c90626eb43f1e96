package io.opsbot.teams.testing;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import java.util.UUID;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Posts activities to {@code /api/messages} the way the Bot Connector does. */
public final class TeamsRequests {

    private TeamsRequests() {
    }

    /** A tenant id no other test uses, so tests sharing a database never see each other's data. */
    public static String freshTenant() {
        return "tenant-" + UUID.randomUUID();
    }

    public static MvcResult send(MockMvc mvc, TeamsFixtures.Activity activity) {
        return send(mvc, activity.toString(), null);
    }

    public static MvcResult send(MockMvc mvc, String body, String bearerToken) {
        try {
            var request = post("/api/messages").contentType(MediaType.APPLICATION_JSON).content(body);
            if (bearerToken != null) {
                request.header(HttpHeaders.AUTHORIZATION, "Bearer " + bearerToken);
            }
            return mvc.perform(request).andReturn();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
