package io.opsbot.teams;

import io.opsbot.teams.auth.BotType;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings under {@code opsbot.teams.*}, normally from the Microsoft SDKs' environment variables
 * ({@code MICROSOFT_APP_TYPE}, {@code MICROSOFT_APP_ID}, {@code MICROSOFT_APP_TENANT_ID},
 * {@code MICROSOFT_APP_PASSWORD}, {@code MICROSOFT_APP_CERTIFICATE_PATH}). A combination that cannot work stops the start with a message naming the
 * variable to set. Secrets are never logged nor shown by {@link #toString()}.
 */
@Validated
@ConfigurationProperties("opsbot.teams")
public class TeamsProperties {

    public static final String DEFAULT_OPENID_METADATA_URL =
            "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public static final String DEFAULT_AUTHORITY_HOST = "https://login.microsoftonline.com";
    private static final java.util.regex.Pattern GUID =
            java.util.regex.Pattern.compile("[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}");

    /** Turns the whole Teams adapter on or off. */
    private boolean enabled = true;

    /** SingleTenant, UserAssignedMSI or MultiTenant; empty: SingleTenant when a tenant id is set, else MultiTenant. */
    private String appType = "";

    /** The bot's Microsoft App ID (for a managed identity bot, the identity's client id). Empty: Teams is shut. */
    private String appId = "";

    /** A client secret of the app registration (SingleTenant, MultiTenant). */
    private String appPassword = "";

    /** A PKCS#12 file with the app registration's certificate and private key, instead of a client secret. */
    private String appCertificatePath = "";

    private String appCertificatePassword = "";

    /** The Directory (tenant) ID the bot's app registration or managed identity lives in. */
    private String appTenantId = "";

    /**
     * Accept requests without a token when no app id is set, for the Microsoft 365 Agents Playground on a developer's
     * machine. Never turn this on for a deployment reachable from the internet.
     */
    private boolean localMode = false;

    /** The Bot Framework's OpenID metadata: keys of the {@code https://api.botframework.com} issuer. */
    @NotBlank
    private String openIdMetadataUrl = DEFAULT_OPENID_METADATA_URL;

    /** Microsoft Entra's login host: tenant token endpoints and tenant OpenID metadata (another cloud: change it). */
    @NotBlank
    @Pattern(regexp = "https://[^/?#]+/?", message = "must be an https:// host such as " + DEFAULT_AUTHORITY_HOST)
    private String authorityHost = DEFAULT_AUTHORITY_HOST;

    /** How long signing keys are trusted without fetching them again (a token with an unknown key refetches). */
    @NotNull
    private Duration signingKeysTtl = Duration.ofHours(24);

    /** At most one key fetch per issuer this often, however many tokens with unknown keys arrive. */
    @NotNull
    private Duration signingKeysMinRefresh = Duration.ofSeconds(30);

    public boolean hasAppId() {
        return !appId.isEmpty();
    }

    /** The bot type in force: the one set, or the default for the tenant id given. */
    public BotType botType() {
        if (appType.isEmpty()) {
            return appTenantId.isEmpty() ? BotType.MULTI_TENANT : BotType.SINGLE_TENANT;
        }
        return BotType.parse(appType).orElseThrow(() -> new IllegalStateException("unknown app type"));
    }

    public boolean hasCertificate() {
        return !appCertificatePath.isEmpty();
    }

    /** Entra's host without a trailing slash. */
    public String authority() {
        return authorityHost.endsWith("/") ? authorityHost.substring(0, authorityHost.length() - 1) : authorityHost;
    }

    // ---- start-up checks: each message names the variable to set ------------------------------------------------

    @AssertTrue(message = "MICROSOFT_APP_TYPE must be SingleTenant, UserAssignedMSI or MultiTenant")
    public boolean isAppTypeKnown() {
        return appType.isEmpty() || BotType.parse(appType).isPresent();
    }

    @AssertTrue(message = "MICROSOFT_APP_TYPE, MICROSOFT_APP_TENANT_ID, MICROSOFT_APP_PASSWORD or a certificate is "
            + "set but MICROSOFT_APP_ID is not: set MICROSOFT_APP_ID to the bot's Microsoft App ID (for "
            + "UserAssignedMSI, the managed identity's client ID)")
    public boolean isAppIdSetWhenNeeded() {
        return hasAppId() || appType.isEmpty() && appTenantId.isEmpty() && appPassword.isEmpty()
                && appCertificatePath.isEmpty();
    }

    @AssertTrue(message = "MICROSOFT_APP_TENANT_ID must be the Directory (tenant) ID of the bot's app registration "
            + "or managed identity, a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47 (Azure portal: the bot's "
            + "Configuration page, \"App Tenant ID\")")
    public boolean isTenantIdAGuid() {
        return appTenantId.isEmpty() || GUID.matcher(appTenantId).matches();
    }

    @AssertTrue(message = "MICROSOFT_APP_TYPE=SingleTenant and UserAssignedMSI need MICROSOFT_APP_TENANT_ID, the "
            + "Directory (tenant) ID of the bot's app registration or managed identity")
    public boolean isTenantIdSetWhenNeeded() {
        return !isKnownTypeWithAppId() || !botType().tenantIssued() || !appTenantId.isEmpty();
    }

    @AssertTrue(message = "MICROSOFT_APP_TYPE=MultiTenant takes no MICROSOFT_APP_TENANT_ID: unset it, or set "
            + "MICROSOFT_APP_TYPE=SingleTenant for a single-tenant bot")
    public boolean isTenantIdOnlyWhereUsed() {
        return !isKnownTypeWithAppId() || botType() != BotType.MULTI_TENANT || appTenantId.isEmpty();
    }

    @AssertTrue(message = "a SingleTenant or MultiTenant bot needs MICROSOFT_APP_PASSWORD (a client secret of its "
            + "app registration) or MICROSOFT_APP_CERTIFICATE_PATH (a PKCS#12 certificate); for a managed identity "
            + "set MICROSOFT_APP_TYPE=UserAssignedMSI")
    public boolean isCredentialSetWhenNeeded() {
        return !isKnownTypeWithAppId() || botType() == BotType.USER_ASSIGNED_MSI || !appPassword.isEmpty()
                || hasCertificate();
    }

    @AssertTrue(message = "MICROSOFT_APP_TYPE=UserAssignedMSI takes no MICROSOFT_APP_PASSWORD nor "
            + "MICROSOFT_APP_CERTIFICATE_PATH (a managed identity has no secret): unset them")
    public boolean isNoSecretForManagedIdentity() {
        return !isKnownTypeWithAppId() || botType() != BotType.USER_ASSIGNED_MSI
                || appPassword.isEmpty() && !hasCertificate();
    }

    @AssertTrue(message = "set MICROSOFT_APP_PASSWORD or MICROSOFT_APP_CERTIFICATE_PATH, not both")
    public boolean isOneCredential() {
        return appPassword.isEmpty() || !hasCertificate();
    }

    private boolean isKnownTypeWithAppId() {
        return hasAppId() && isAppTypeKnown();
    }

    // ---- accessors ----------------------------------------------------------------------------------------------

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getAppType() {
        return appType;
    }

    public void setAppType(String appType) {
        this.appType = strip(appType);
    }

    public String getAppId() {
        return appId;
    }

    public void setAppId(String appId) {
        this.appId = strip(appId);
    }

    public String getAppPassword() {
        return appPassword;
    }

    public void setAppPassword(String appPassword) {
        this.appPassword = appPassword == null ? "" : appPassword;
    }

    public String getAppCertificatePath() {
        return appCertificatePath;
    }

    public void setAppCertificatePath(String appCertificatePath) {
        this.appCertificatePath = strip(appCertificatePath);
    }

    public String getAppCertificatePassword() {
        return appCertificatePassword;
    }

    public void setAppCertificatePassword(String appCertificatePassword) {
        this.appCertificatePassword = appCertificatePassword == null ? "" : appCertificatePassword;
    }

    public String getAppTenantId() {
        return appTenantId;
    }

    public void setAppTenantId(String appTenantId) {
        this.appTenantId = strip(appTenantId);
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

    public String getAuthorityHost() {
        return authorityHost;
    }

    public void setAuthorityHost(String authorityHost) {
        this.authorityHost = strip(authorityHost);
    }

    public Duration getSigningKeysTtl() {
        return signingKeysTtl;
    }

    public void setSigningKeysTtl(Duration signingKeysTtl) {
        this.signingKeysTtl = signingKeysTtl;
    }

    public Duration getSigningKeysMinRefresh() {
        return signingKeysMinRefresh;
    }

    public void setSigningKeysMinRefresh(Duration signingKeysMinRefresh) {
        this.signingKeysMinRefresh = signingKeysMinRefresh;
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }

    @Override
    public String toString() {
        return "TeamsProperties[enabled=" + enabled + ", appType=" + appType + ", appId=" + appId + ", appPassword="
                + (appPassword.isEmpty() ? "(none)" : "(set)") + ", appCertificatePath=" + appCertificatePath
                + ", appTenantId=" + appTenantId + ", localMode=" + localMode + "]";
    }
}
