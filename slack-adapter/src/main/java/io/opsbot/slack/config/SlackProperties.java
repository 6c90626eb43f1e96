package io.opsbot.slack.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Slack settings under {@code opsbot.slack}. Tokens and the signing secret come from the environment
 * ({@code SLACK_BOT_TOKEN}, {@code SLACK_SIGNING_SECRET}, {@code SLACK_APP_TOKEN}); {@link #toString()} never shows
 * them.
 */
@Validated
@ConfigurationProperties("opsbot.slack")
public class SlackProperties {

    /** Bot token (xoxb-...) of the workspace or org the app is installed in. */
    private String botToken;

    /** Verifies that HTTP requests come from Slack (HTTP mode). */
    private String signingSecret;

    /** App-level token (xapp-...); when set, the bot connects with Socket Mode instead of waiting for HTTP. */
    private String appToken;

    /** Base URL of the Web API; tests point it at a local fake. */
    @NotBlank
    private String apiBaseUrl = "https://slack.com/api/";

    /** Channel id for triage posts until a workspace runs "/feedback triage here". */
    private String triageChannel;

    @Valid
    private final Limits limits = new Limits();

    /**
     * How fast the bot posts, below Slack's published limits for chat.postMessage (about one message a second per
     * channel with short bursts, several hundred a minute per workspace). Raise them only against a fake Slack.
     */
    public static class Limits {

        @Positive
        private double channelPerSecond = 1;
        @Min(1)
        private int channelBurst = 4;
        @Positive
        private double workspacePerMinute = 300;
        @Min(1)
        private int workspaceBurst = 60;

        public double getChannelPerSecond() {
            return channelPerSecond;
        }

        public void setChannelPerSecond(double channelPerSecond) {
            this.channelPerSecond = channelPerSecond;
        }

        public int getChannelBurst() {
            return channelBurst;
        }

        public void setChannelBurst(int channelBurst) {
            this.channelBurst = channelBurst;
        }

        public double getWorkspacePerMinute() {
            return workspacePerMinute;
        }

        public void setWorkspacePerMinute(double workspacePerMinute) {
            this.workspacePerMinute = workspacePerMinute;
        }

        public int getWorkspaceBurst() {
            return workspaceBurst;
        }

        public void setWorkspaceBurst(int workspaceBurst) {
            this.workspaceBurst = workspaceBurst;
        }
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

    public String getBotToken() {
        return botToken;
    }

    public void setBotToken(String botToken) {
        this.botToken = botToken;
    }

    public String getSigningSecret() {
        return signingSecret;
    }

    public void setSigningSecret(String signingSecret) {
        this.signingSecret = signingSecret;
    }

    public String getAppToken() {
        return appToken;
    }

    public void setAppToken(String appToken) {
        this.appToken = appToken;
    }

    public String getApiBaseUrl() {
        return apiBaseUrl;
    }

    public void setApiBaseUrl(String apiBaseUrl) {
        this.apiBaseUrl = apiBaseUrl.endsWith("/") ? apiBaseUrl : apiBaseUrl + "/";
    }

    public Limits getLimits() {
        return limits;
    }

    public String getTriageChannel() {
        return triageChannel;
    }

    public void setTriageChannel(String triageChannel) {
        this.triageChannel = triageChannel;
    }

    @Override
    public String toString() {
        return "SlackProperties[apiBaseUrl=" + apiBaseUrl + ", socketMode=" + socketMode() + ", botToken="
                + (hasText(botToken) ? "set" : "unset") + ", signingSecret="
                + (hasText(signingSecret) ? "set" : "unset") + "]";
    }
}
