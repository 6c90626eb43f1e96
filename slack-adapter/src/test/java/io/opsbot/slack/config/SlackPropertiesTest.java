package io.opsbot.slack.config;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code opsbot.slack.*} bound as at start-up: defaults, the API URL's slash, secrets kept out of its text. */
class SlackPropertiesTest {

    private static SlackProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("opsbot.slack",
                SlackProperties.class);
    }

    @Test
    void nothingConfiguredMeansSlacksApiAndPublishedPace() {
        SlackProperties properties = bind(Map.of());

        assertThat(properties.apiBaseUrl()).isEqualTo("https://slack.com/api/");
        assertThat(properties.limits()).isEqualTo(SlackProperties.Limits.DEFAULTS);
        assertThat(properties.configured()).isFalse();
    }

    @Test
    void aConfiguredApiUrlEndsInASlashAndOneLimitChangesAlone() {
        SlackProperties properties = bind(Map.of("opsbot.slack.api-base-url", "http://127.0.0.1:9999/api",
                "opsbot.slack.limits.channel-burst", "9"));

        assertThat(properties.apiBaseUrl()).isEqualTo("http://127.0.0.1:9999/api/");
        assertThat(properties.limits().channelBurst()).isEqualTo(9);
        assertThat(properties.limits().workspacePerMinute()).isEqualTo(SlackProperties.Limits.DEFAULTS
                .workspacePerMinute());
    }

    @Test
    void tokensNeverShowInItsText() {
        SlackProperties properties = bind(Map.of("opsbot.slack.bot-token", "xoxb-s3cret",
                "opsbot.slack.signing-secret", "sign-s3cret"));

        assertThat(properties.configured()).isTrue();
        assertThat(properties.toString()).doesNotContain("s3cret").contains("botToken=set");
    }
}
