package io.opsbot.teams;

import io.opsbot.teams.auth.BotType;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings under {@code opsbot.teams.*}, normally from the Microsoft SDKs' environment variables
 * ({@code MICROSOFT_APP_TYPE}, {@code MICROSOFT_APP_ID}, {@code MICROSOFT_APP_TENANT_ID},
 * {@code MICROSOFT_APP_PASSWORD}, {@code MICROSOFT_APP_CERTIFICATE_PATH}). A combination that cannot work stops the
 * start with a message naming the variable to set. Secrets are never logged nor shown by {@link #toString()}.
 *
 * @param enabled                turns the whole Teams adapter on or off
 * @param appType                SingleTenant, UserAssignedMSI or MultiTenant; empty: SingleTenant when a tenant id is
 *                               set, else MultiTenant
 * @param appId                  the bot's Microsoft App ID (for a managed identity bot, the identity's client id);
 *                               empty: Teams is shut
 * @param appPassword            a client secret of the app registration (SingleTenant, MultiTenant)
 * @param appCertificatePath     a PKCS#12 file with the app registration's certificate and private key, instead of a
 *                               client secret
 * @param appTenantId            the Directory (tenant) ID the bot's app registration or managed identity lives in
 * @param localMode              accept requests without a token when no app id is set, for the Microsoft 365 Agents
 *                               Playground on a developer's machine; never for a deployment reachable from the internet
 * @param openIdMetadataUrl      the Bot Framework's OpenID metadata: keys of the {@code https://api.botframework.com}
 *                               issuer
 * @param authorityHost          Microsoft Entra's login host: tenant token endpoints and tenant OpenID metadata
 *                               (another cloud: change it)
 * @param signingKeysTtl         how long signing keys are trusted without fetching them again (a token with an unknown
 *                               key refetches)
 * @param signingKeysMinRefresh  at most one key fetch per issuer this often, however many tokens with unknown keys
 *                               arrive
 * @param connectorReadTimeout   how long one Bot Connector call may wait for its answer; above Teams' own 15 s would
 *                               hold a reply past its deadline, and a send that times out is retried by the outbox
 * @param tokenDownAfter         how long the token endpoint may stay unreachable before health says Teams is down (a
 *                               refusal of the bot's credentials says so at once: asking again will not help)
 */
@Validated
@ConfigurationProperties("opsbot.teams")
public record TeamsProperties(@DefaultValue("true") boolean enabled,
                              String appType,
                              String appId,
                              String appPassword,
                              String appCertificatePath,
                              String appCertificatePassword,
                              String appTenantId,
                              boolean localMode,
                              @NotBlank String openIdMetadataUrl,
                              @NotBlank
                              @Pattern(regexp = "https://[^/?#]+/?",
                                      message = "must be an https:// host such as " + DEFAULT_AUTHORITY_HOST)
                              String authorityHost,
                              Duration signingKeysTtl,
                              Duration signingKeysMinRefresh,
                              Duration connectorReadTimeout,
                              Duration tokenDownAfter) {

    public static final String DEFAULT_OPENID_METADATA_URL =
            "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public static final String DEFAULT_AUTHORITY_HOST = "https://login.microsoftonline.com";
    private static final java.util.regex.Pattern GUID =
            java.util.regex.Pattern.compile("[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}");

    /** Text settings are trimmed, and a setting left out takes its default. */
    public TeamsProperties {
        appType = strip(appType);
        appId = strip(appId);
        appPassword = appPassword == null ? "" : appPassword;
        appCertificatePath = strip(appCertificatePath);
        appCertificatePassword = appCertificatePassword == null ? "" : appCertificatePassword;
        appTenantId = strip(appTenantId);
        openIdMetadataUrl = openIdMetadataUrl == null ? DEFAULT_OPENID_METADATA_URL : openIdMetadataUrl;
        authorityHost = authorityHost == null ? DEFAULT_AUTHORITY_HOST : strip(authorityHost);
        signingKeysTtl = signingKeysTtl == null ? Duration.ofHours(24) : signingKeysTtl;
        signingKeysMinRefresh = signingKeysMinRefresh == null ? Duration.ofSeconds(30) : signingKeysMinRefresh;
        connectorReadTimeout = connectorReadTimeout == null ? Duration.ofSeconds(10) : connectorReadTimeout;
        tokenDownAfter = tokenDownAfter == null ? Duration.ofMinutes(5) : tokenDownAfter;
    }

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
