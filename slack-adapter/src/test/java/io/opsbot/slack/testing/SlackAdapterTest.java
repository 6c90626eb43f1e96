package io.opsbot.slack.testing;

import io.opsbot.core.testing.MongoTestServer;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the Slack end-to-end tests: the real HTTP endpoint on a random port, signed requests in, a fake Slack Web
 * API out, MongoDB (mongo-java-server over TCP) underneath.
 */
@SpringBootTest(classes = SlackTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.quartz.auto-startup=false")
@ContextConfiguration(initializers = MongoTestServer.Initializer.class)
public abstract class SlackAdapterTest {

    public static final String SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    protected static final FakeSlackApi SLACK = new FakeSlackApi();

    @LocalServerPort
    protected int port;

    protected SignedSlackRequests slack;

    @DynamicPropertySource
    static void slackProperties(DynamicPropertyRegistry registry) {
        registry.add("opsbot.slack.bot-token", () -> "xoxb-test-token");
        registry.add("opsbot.slack.signing-secret", () -> SIGNING_SECRET);
        registry.add("opsbot.slack.api-base-url", SLACK::apiBaseUrl);
    }

    @BeforeEach
    void connect() {
        SLACK.reset();
        slack = new SignedSlackRequests("http://127.0.0.1:" + port + "/slack/events", SIGNING_SECRET);
    }
}
