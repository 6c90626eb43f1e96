package io.opsbot.teams;

import io.opsbot.core.gateway.Messenger;
import io.opsbot.core.tenant.Platform;
import io.opsbot.core.testing.MongoTestServer;
import io.opsbot.teams.testing.TeamsFixtures;
import io.opsbot.teams.testing.TeamsRequests;
import io.opsbot.teams.testing.TeamsTestApplication;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;

/** The two ways the adapter stays shut: switched off, or on without an app id outside local mode. */
class TeamsAdapterSwitchesTest {

    static String message() {
        return TeamsFixtures.load("message.personal.json").serviceUrl("http://127.0.0.1:9/amer/").text("help")
                .toString();
    }

    @Nested
    @SpringBootTest(classes = TeamsTestApplication.class, properties = "opsbot.teams.enabled=false")
    @ContextConfiguration(initializers = MongoTestServer.Initializer.class)
    @AutoConfigureMockMvc
    class Disabled {

        @Autowired
        ApplicationContext context;
        @Autowired
        Messenger messenger;
        @Autowired
        MockMvc mvc;

        @Test
        void noTeamsBeansAndNoEndpoint() {
            assertThat(context.getBeansOfType(TeamsProperties.class)).isEmpty();
            assertThat(messenger.supports(Platform.TEAMS)).isFalse();
            assertThat(TeamsRequests.send(mvc, message(), null).getResponse().getStatus()).isEqualTo(404);
        }
    }

    @Nested
    @SpringBootTest(classes = TeamsTestApplication.class,
            properties = {"opsbot.teams.app-id=", "opsbot.teams.local-mode=false"})
    @ContextConfiguration(initializers = MongoTestServer.Initializer.class)
    @AutoConfigureMockMvc
    class WithoutAppIdOutsideLocalMode {

        @Autowired
        MockMvc mvc;

        @Test
        void everyRequestIsRefused() {
            assertThat(TeamsRequests.send(mvc, message(), null).getResponse().getStatus()).isEqualTo(401);
            assertThat(TeamsRequests.send(mvc, message(), "anything").getResponse().getStatus()).isEqualTo(401);
            assertThat(TeamsRequests.send(mvc, "not json", null).getResponse().getStatus()).isEqualTo(401);
        }
    }
}
