package io.opsbot.teams;

import io.opsbot.core.testing.MongoTestServer;
import io.opsbot.teams.testing.FakeBotConnector;
import io.opsbot.teams.testing.TeamsFixtures;
import io.opsbot.teams.testing.TeamsTestApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest(classes = TeamsTestApplication.class, properties = {"opsbot.teams.app-id=", "opsbot.teams.local-mode=true"})
@ContextConfiguration(initializers = MongoTestServer.Initializer.class)
@AutoConfigureMockMvc
class TeamsEndpointTest {

    static final FakeBotConnector connector = FakeBotConnector.start();

    @Autowired
    MockMvc mvc;

    @AfterAll
    static void stop() {
        connector.close();
    }

    @Test
    void smoke() throws Exception {
        String body = TeamsFixtures.load("message.personal.json").serviceUrl(connector.serviceUrl())
                .tenant("t-smoke").text("help").toString();
        mvc.perform(post("/api/messages").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk());
        assertThat(connector.sentActivities()).hasSize(1);
        System.out.println(connector.sentActivities().get(0).body().toPrettyString());
    }
}
