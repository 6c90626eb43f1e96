package io.opsbot.slack.oauth;

import io.opsbot.core.testing.MongoTestServer;
import io.opsbot.slack.testing.SlackTestApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** With OAuth on, the bot refuses to start without a key for the tokens, or with a bot token as well, and says why. */
class SlackOAuthStartupTest {

    private static Throwable start(String... extra) {
        List<String> properties = new ArrayList<>(List.of(
                "spring.mongodb.uri=" + MongoTestServer.uri("startup_" + System.nanoTime()),
                "spring.quartz.auto-startup=false", "opsbot.slack.signing-secret=secret",
                "opsbot.slack.api-base-url=http://127.0.0.1:1/api/",
                "opsbot.slack.oauth.client-id=111.222", "opsbot.slack.oauth.client-secret=client-secret"));
        properties.addAll(List.of(extra));
        return catchThrowable(() -> new SpringApplicationBuilder(SlackTestApplication.class)
                .web(WebApplicationType.NONE).properties(properties.toArray(String[]::new)).run().close());
    }

    private static String causes(Throwable e) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }

    @Test
    void withoutASecretKeyItRefusesToStartAndNamesTheVariable() {
        Throwable refused = start();

        assertThat(refused).isNotNull();
        assertThat(causes(refused)).contains("OPSBOT_SECRET_KEY is not set").contains("openssl rand -base64 32");
    }

    @Test
    void withABotTokenAsWellItRefusesToStart() {
        Throwable refused = start("opsbot.secret.key=" + java.util.Base64.getEncoder().encodeToString(new byte[32]),
                "opsbot.slack.bot-token=xoxb-also");

        assertThat(causes(refused)).contains("set SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID");
    }
}
