package io.opsbot.slack.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Slack settings under {@code opsbot.slack}. Tokens and the signing secret come from the environment
 * ({@code SLACK_BOT_TOKEN}, {@code SLACK_SIGNING_SECRET}, {@code SLACK_APP_TOKEN}); {@link #toString()} never shows
 * them.
 *
 * @param botToken      bot token (xoxb-...) of the workspace or org the app is installed in
 * @param signingSecret verifies that HTTP requests come from Slack (HTTP mode)
 * @param appToken      app-level token (xapp-...); when set, the bot connects with Socket Mode instead of waiting for
 *                      HTTP
 * @param apiBaseUrl    base URL of the Web API, always ending in a slash; tests point it at a local fake
 * @param triageChannel channel id for triage posts until a workspace runs "/feedback triage here"
 * @param limits        how fast the bot posts
 * @param httpTimeout   how long one Web API call may take; a post that times out may still have reached Slack, and the
 *                      outbox looks for it before posting again
 */
@Validated
@ConfigurationProperties("opsbot.slack")
public record SlackProperties(String botToken, String signingSecret, String appToken,
                              @NotBlank @DefaultValue("https://slack.com/api/") String apiBaseUrl,
                              String triageChannel, @Valid @DefaultValue Limits limits,
                              @NotNull @DefaultValue("10s") Duration httpTimeout) {

    public SlackProperties {
        if (apiBaseUrl != null && !apiBaseUrl.endsWith("/")) {
            apiBaseUrl = apiBaseUrl + "/";
        }
    }

    /**
     * How fast the bot posts, below Slack's published limits for chat.postMessage (about one message a second per
     * channel with short bursts, several hundred a minute per workspace). Raise them only against a fake Slack.
     */
    public record Limits(@Positive @DefaultValue("1") double channelPerSecond,
                         @Min(1) @DefaultValue("4") int channelBurst,
                         @Positive @DefaultValue("300") double workspacePerMinute,
                         @Min(1) @DefaultValue("60") int workspaceBurst) {

        /** Slack's defaults, as when nothing is configured. */
        public static final Limits DEFAULTS = new Limits(1, 4, 300, 60);
    }

    public boolean configured() {
        return hasText(botToken) && (hasText(signingSecret) || socketMode());
    }

    public boolean socketMode() {
        return hasText(appToken);
    }

    private static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }

    @Override
    public String toString() {
        return "SlackProperties[apiBaseUrl=" + apiBaseUrl + ", socketMode=" + socketMode() + ", botToken="
                + (hasText(botToken) ? "set" : "unset") + ", signingSecret="
                + (hasText(signingSecret) ? "set" : "unset") + "]";
    }
}
