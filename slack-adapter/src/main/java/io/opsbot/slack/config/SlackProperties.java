package io.opsbot.slack.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;

/**
 * Slack settings under {@code opsbot.slack}. Tokens and secrets come from the environment ({@code SLACK_BOT_TOKEN},
 * {@code SLACK_SIGNING_SECRET}, {@code SLACK_APP_TOKEN}, {@code SLACK_CLIENT_ID}, {@code SLACK_CLIENT_SECRET});
 * {@link #toString()} never shows them.
 */
@Validated
@ConfigurationProperties("opsbot.slack")
public class SlackProperties {

    /** Bot token (xoxb-...) of the one workspace or org the app is installed in; unset with OAuth. */
    private String botToken;

    /** Verifies that HTTP requests come from Slack (HTTP mode). */
    private String signingSecret;

    /** App-level token (xapp-...); when set, the bot connects with Socket Mode instead of waiting for HTTP. */
    private String appToken;

    /** Base URL of the Web API; tests point it at a local fake. */
    @NotBlank
    private String apiBaseUrl = "https://slack.com/api/";

    /**
     * How long after a change the bot re-publishes someone's Home tab: a burst of changes (a prompt, an answer, a
     * confirmation) becomes one views.publish.
     */
    @NotNull
    private Duration homeTabDelay = Duration.ofSeconds(2);

    /** Channel id for triage posts until a workspace runs "/feedback triage here". */
    private String triageChannel;

    @Valid
    private final Limits limits = new Limits();

    @Valid
    private final OAuth oauth = new OAuth();

    /**
     * Installing by Slack's OAuth v2 flow into any number of workspaces and Enterprise Grid orgs, instead of one bot
     * token from the environment. On when the client id and secret are set ({@code SLACK_CLIENT_ID},
     * {@code SLACK_CLIENT_SECRET}); the tokens each install yields are kept encrypted ({@code OPSBOT_SECRET_KEY}).
     */
    public static class OAuth {

        /** The bot scopes the install asks for: the manifest's (manifest/slack/manifest.yml, checked by a test). */
        public static final List<String> MANIFEST_SCOPES = List.of("commands", "chat:write", "chat:write.public",
                "im:write", "im:history", "app_mentions:read", "users:read", "channels:read", "groups:read");

        private String clientId;
        private String clientSecret;

        /** The redirect URL registered with the app (https://HOST/slack/oauth_redirect); Slack's default when unset. */
        private String redirectUri;

        @NotEmpty
        private List<@NotBlank String> scopes = MANIFEST_SCOPES;

        @NotBlank
        private String installPath = "/slack/install";
        @NotBlank
        private String redirectPath = "/slack/oauth_redirect";

        /** How long an install link (its OAuth state) can be used; each one works once. */
        @NotNull
        private Duration stateExpiry = Duration.ofMinutes(10);

        /** With token rotation on, a bot token is refreshed this long before it expires (Bolt's default). */
        @NotNull
        private Duration refreshBeforeExpiry = Duration.ofHours(2);

        /** Where the browser goes after an install, or after a refused one; a page of the bot's own when unset. */
        private String completionUrl;
        private String cancellationUrl;

        public boolean enabled() {
            return hasText(clientId) && hasText(clientSecret);
        }

        public String getClientId() {
            return clientId;
        }

        public void setClientId(String clientId) {
            this.clientId = clientId;
        }

        public String getClientSecret() {
            return clientSecret;
        }

        public void setClientSecret(String clientSecret) {
            this.clientSecret = clientSecret;
        }

        public String getRedirectUri() {
            return redirectUri;
        }

        public void setRedirectUri(String redirectUri) {
            this.redirectUri = redirectUri;
        }

        public List<String> getScopes() {
            return scopes;
        }

        public void setScopes(List<String> scopes) {
            this.scopes = scopes;
        }

        public String getInstallPath() {
            return installPath;
        }

        public void setInstallPath(String installPath) {
            this.installPath = installPath;
        }

        public String getRedirectPath() {
            return redirectPath;
        }

        public void setRedirectPath(String redirectPath) {
            this.redirectPath = redirectPath;
        }

        public Duration getStateExpiry() {
            return stateExpiry;
        }

        public void setStateExpiry(Duration stateExpiry) {
            this.stateExpiry = stateExpiry;
        }

        public Duration getRefreshBeforeExpiry() {
            return refreshBeforeExpiry;
        }

        public void setRefreshBeforeExpiry(Duration refreshBeforeExpiry) {
            this.refreshBeforeExpiry = refreshBeforeExpiry;
        }

        public String getCompletionUrl() {
            return completionUrl;
        }

        public void setCompletionUrl(String completionUrl) {
            this.completionUrl = blankToNull(completionUrl);
        }

        public String getCancellationUrl() {
            return cancellationUrl;
        }

        public void setCancellationUrl(String cancellationUrl) {
            this.cancellationUrl = blankToNull(cancellationUrl);
        }

        @Override
        public String toString() {
            return "OAuth[enabled=" + enabled() + ", clientId=" + (hasText(clientId) ? "set" : "unset")
                    + ", clientSecret=" + (hasText(clientSecret) ? "set" : "unset") + ", scopes=" + scopes + "]";
        }
    }

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

    /** A bot token (one workspace) or OAuth (any number), and a way for Slack to reach the bot. */
    public boolean configured() {
        return (hasText(botToken) || oauth.enabled()) && (hasText(signingSecret) || socketMode());
    }

    public boolean socketMode() {
        return hasText(appToken);
    }

    private static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }

    private static String blankToNull(String s) {
        return hasText(s) ? s : null;
    }

    public OAuth getOauth() {
        return oauth;
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

    public Duration getHomeTabDelay() {
        return homeTabDelay;
    }

    public void setHomeTabDelay(Duration homeTabDelay) {
        this.homeTabDelay = homeTabDelay;
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
                + (hasText(signingSecret) ? "set" : "unset") + ", " + oauth + "]";
    }
}
