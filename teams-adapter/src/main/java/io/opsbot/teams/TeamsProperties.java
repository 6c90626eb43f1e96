package io.opsbot.teams;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings under {@code opsbot.teams.*}. The app id and password come from the environment
 * ({@code MICROSOFT_APP_ID}, {@code MICROSOFT_APP_PASSWORD}); the password is never logged nor shown by
 * {@link #toString()}.
 */
@Validated
@ConfigurationProperties("opsbot.teams")
public class TeamsProperties {

    public static final String DEFAULT_OPENID_METADATA_URL =
            "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public static final String DEFAULT_TOKEN_ENDPOINT =
            "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token";

    /** Turns the whole Teams adapter on or off. */
    private boolean enabled = true;

    /** The bot's Microsoft App ID (Entra app registration). Empty means no inbound token can be checked. */
    private String appId = "";

    /** The app's client secret, used to get tokens for calls to the Bot Connector. */
    private String appPassword = "";

    /** The app's home tenant, for single-tenant bots; empty for multi-tenant bots. */
    private String appTenantId = "";

    /**
     * Accept requests without a token when no app id is set, for the Microsoft 365 Agents Playground on a developer's
     * machine. Never turn this on for a deployment reachable from the internet.
     */
    private boolean localMode = false;

    @NotBlank
    private String openIdMetadataUrl = DEFAULT_OPENID_METADATA_URL;

    @NotBlank
    private String tokenEndpoint = DEFAULT_TOKEN_ENDPOINT;

    /**
     * How long one Bot Connector call may wait for its answer. Above Teams' own 15 s would hold a reply past its
     * deadline; a send that times out is retried by the outbox.
     */
    @jakarta.validation.constraints.NotNull
    private java.time.Duration connectorReadTimeout = java.time.Duration.ofSeconds(10);

    public boolean hasAppId() {
        return appId != null && !appId.isBlank();
    }

    /**
     * Where outbound tokens come from: the configured endpoint, moved to the app's own tenant for a single-tenant bot
     * that kept the multi-tenant default.
     */
    public String effectiveTokenEndpoint() {
        if (appTenantId != null && !appTenantId.isBlank() && DEFAULT_TOKEN_ENDPOINT.equals(tokenEndpoint)) {
            return tokenEndpoint.replace("/botframework.com/", "/" + appTenantId.strip() + "/");
        }
        return tokenEndpoint;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getAppId() {
        return appId;
    }

    public void setAppId(String appId) {
        this.appId = appId == null ? "" : appId.strip();
    }

    public String getAppPassword() {
        return appPassword;
    }

    public void setAppPassword(String appPassword) {
        this.appPassword = appPassword == null ? "" : appPassword;
    }

    public String getAppTenantId() {
        return appTenantId;
    }

    public void setAppTenantId(String appTenantId) {
        this.appTenantId = appTenantId == null ? "" : appTenantId.strip();
    }

    public boolean isLocalMode() {
        return localMode;
    }

    public void setLocalMode(boolean localMode) {
        this.localMode = localMode;
    }

    public String getOpenIdMetadataUrl() {
        return openIdMetadataUrl;
    }

    public void setOpenIdMetadataUrl(String openIdMetadataUrl) {
        this.openIdMetadataUrl = openIdMetadataUrl;
    }

    public String getTokenEndpoint() {
        return tokenEndpoint;
    }

    public void setTokenEndpoint(String tokenEndpoint) {
        this.tokenEndpoint = tokenEndpoint;
    }

    public java.time.Duration getConnectorReadTimeout() {
        return connectorReadTimeout;
    }

    public void setConnectorReadTimeout(java.time.Duration connectorReadTimeout) {
        this.connectorReadTimeout = connectorReadTimeout;
    }

    @Override
    public String toString() {
        return "TeamsProperties[enabled=" + enabled + ", appId=" + appId + ", appPassword="
                + (appPassword.isEmpty() ? "(none)" : "(set)") + ", appTenantId=" + appTenantId + ", localMode="
                + localMode + "]";
    }
}
