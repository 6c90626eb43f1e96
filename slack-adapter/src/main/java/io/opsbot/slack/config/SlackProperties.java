package io.opsbot.slack.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;

/**
 * Slack settings under {@code opsbot.slack}. Tokens and secrets come from the environment ({@code SLACK_BOT_TOKEN},
 * {@code SLACK_SIGNING_SECRET}, {@code SLACK_APP_TOKEN}, {@code SLACK_CLIENT_ID}, {@code SLACK_CLIENT_SECRET});
 * {@link #toString()} never shows them.
 *
 * @param botToken      bot token (xoxb-...) of the one workspace or org the app is installed in; unset with OAuth
 * @param signingSecret verifies that HTTP requests come from Slack (HTTP mode)
 * @param appToken      app-level token (xapp-...); when set, the bot connects with Socket Mode instead of waiting for
 *                      HTTP
 * @param apiBaseUrl    base URL of the Web API, always ending in a slash; tests point it at a local fake
 * @param triageChannel channel id for triage posts until a workspace runs "/feedback triage here"
 * @param limits        how fast the bot posts
 * @param httpTimeout   how long one Web API call may take; a post that times out may still have reached Slack, and the
 *                      outbox looks for it before posting again
 * @param oauth         installs by OAuth into any number of workspaces and orgs, instead of the bot token
 * @param homeTabDelay  how long after a change the bot re-publishes someone's Home tab: a burst of changes (a prompt,
 *                      an answer, a confirmation) becomes one views.publish
 * @param webApiDownAfter how long the Web API may go unanswered (no connection, 5xx) before health says DOWN
 */
@Validated
@ConfigurationProperties("opsbot.slack")
public record SlackProperties(String botToken, String signingSecret, String appToken,
                              @NotBlank @DefaultValue("https://slack.com/api/") String apiBaseUrl,
                              String triageChannel, @Valid @DefaultValue Limits limits,
                              @NotNull @DefaultValue("10s") Duration httpTimeout,
                              @Valid @DefaultValue OAuth oauth,
                              @NotNull @DefaultValue("2s") Duration homeTabDelay,
                              @NotNull @DefaultValue("5m") Duration webApiDownAfter) {

    public SlackProperties {
        if (apiBaseUrl != null && !apiBaseUrl.endsWith("/")) {
            apiBaseUrl = apiBaseUrl + "/";
        }
    }

    /**
     * How fast the bot posts, below Slack's published limits for chat.postMessage (about one message a second per
     * channel with short bursts, several hundred a minute per workspace) and views.publish (Home tabs; Tier 4, 100+ a
     * minute per workspace). Raise them only against a fake Slack.
     */
    public record Limits(@Positive @DefaultValue("1") double channelPerSecond,
                         @Min(1) @DefaultValue("4") int channelBurst,
                         @Positive @DefaultValue("300") double workspacePerMinute,
                         @Min(1) @DefaultValue("60") int workspaceBurst,
                         @Positive @DefaultValue("100") double homePublishesPerMinute,
                         @Min(1) @DefaultValue("40") int homePublishBurst) {

        /** Slack's defaults, as when nothing is configured. */
        public static final Limits DEFAULTS = new Limits(1, 4, 300, 60, 100, 40);
    }

    /**
     * Installing by Slack's OAuth v2 flow into any number of workspaces and Enterprise Grid orgs, instead of one bot
     * token from the environment. On when the client id and secret are set ({@code SLACK_CLIENT_ID},
     * {@code SLACK_CLIENT_SECRET}); the tokens each install yields are kept encrypted ({@code OPSBOT_SECRET_KEY}).
     *
     * @param redirectUri         the redirect URL registered with the app (https://HOST/slack/oauth_redirect); Slack's
     *                            default when unset
     * @param scopes              the bot scopes the install asks for: the manifest's (checked by a test)
     * @param stateExpiry         how long an install link (its OAuth state) can be used; each one works once
     * @param refreshBeforeExpiry with token rotation on, a bot token is refreshed this long before it expires (Bolt's
     *                            default)
     * @param completionUrl       where the browser goes after an install; a page of the bot's own when unset
     * @param cancellationUrl     where the browser goes after a refused install; a page of the bot's own when unset
     */
    public record OAuth(String clientId, String clientSecret, String redirectUri,
                        @NotEmpty List<@NotBlank String> scopes,
                        @NotBlank @DefaultValue(INSTALL_PATH) String installPath,
                        @NotBlank @DefaultValue(REDIRECT_PATH) String redirectPath,
                        @NotNull @DefaultValue("10m") Duration stateExpiry,
                        @NotNull @DefaultValue("2h") Duration refreshBeforeExpiry,
                        String completionUrl, String cancellationUrl) {

        /** The bot scopes of manifest/slack/manifest.yml, asked for unless others are configured. */
        public static final List<String> MANIFEST_SCOPES = List.of("commands", "chat:write", "chat:write.public",
                "im:write", "im:history", "app_mentions:read", "users:read", "reactions:read", "files:write",
                "channels:read", "groups:read", "channels:history", "groups:history");
        public static final String INSTALL_PATH = "/slack/install";
        public static final String REDIRECT_PATH = "/slack/oauth_redirect";

        public OAuth {
            scopes = scopes == null || scopes.isEmpty() ? MANIFEST_SCOPES : List.copyOf(scopes);
            redirectUri = blankToNull(redirectUri);
            completionUrl = blankToNull(completionUrl);
            cancellationUrl = blankToNull(cancellationUrl);
        }

        public boolean enabled() {
            return hasText(clientId) && hasText(clientSecret);
        }

        /** The public install page, when the redirect URL tells the bot's public address. */
        public String installUrl() {
            return redirectUri != null && redirectUri.endsWith(redirectPath)
                    ? redirectUri.substring(0, redirectUri.length() - redirectPath.length()) + installPath : null;
        }

        @Override
        public String toString() {
            return "OAuth[enabled=" + enabled() + ", clientId=" + (hasText(clientId) ? "set" : "unset")
                    + ", clientSecret=" + (hasText(clientSecret) ? "set" : "unset") + ", scopes=" + scopes + "]";
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

    @Override
    public String toString() {
        return "SlackProperties[apiBaseUrl=" + apiBaseUrl + ", socketMode=" + socketMode() + ", botToken="
                + (hasText(botToken) ? "set" : "unset") + ", signingSecret="
                + (hasText(signingSecret) ? "set" : "unset") + ", " + oauth + "]";
    }
}
