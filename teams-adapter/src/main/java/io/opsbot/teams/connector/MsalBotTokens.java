package io.opsbot.teams.connector;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.IClientCredential;
import com.microsoft.aad.msal4j.ManagedIdentityApplication;
import com.microsoft.aad.msal4j.ManagedIdentityId;
import com.microsoft.aad.msal4j.ManagedIdentityParameters;
import com.microsoft.aad.msal4j.MsalServiceException;
import io.opsbot.teams.TeamsProperties;
import io.opsbot.teams.auth.BotType;
import io.opsbot.teams.auth.IdentityTls;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The bot's tokens, got with MSAL for Java:
 * <ul>
 *   <li>SingleTenant: client credentials (secret or certificate) at the bot's tenant,
 *       {@code {authority}/{tenant}/oauth2/v2.0/token}, scope {@code https://api.botframework.com/.default};</li>
 *   <li>MultiTenant: the same at the {@code botframework.com} tenant;</li>
 *   <li>UserAssignedMSI: the Azure host's managed-identity endpoint (App Service / Container Apps
 *       {@code IDENTITY_ENDPOINT} + {@code IDENTITY_HEADER}, else the instance metadata service), for the identity whose
 *       client id is the app id, resource {@code https://api.botframework.com}.</li>
 * </ul>
 * A token is kept and used until 5 minutes before it expires (half its lifetime if that is shorter), then MSAL is asked
 * for a new one. The keeping is done here, on the application's {@link Clock}, rather than by MSAL's token cache: that
 * cache files a token under its host without the port and looks it up with the port, so behind an authority with a
 * port (a test server) it never hits. An authority host other than Microsoft's (a sovereign cloud proxy, a test
 * server) is used as configured, without MSAL's authority validation and instance discovery, which would otherwise
 * ask login.microsoftonline.com about it.
 */
final class MsalBotTokens implements BotTokens {

    static final String MULTI_TENANT_TENANT = "botframework.com";
    private static final Set<String> MICROSOFT_HOSTS = Set.of("login.microsoftonline.com",
            "login.microsoftonline.us", "login.chinacloudapi.cn", "login.partner.microsoftonline.cn");
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int READ_TIMEOUT_MILLIS = 10_000;
    private static final long CALL_TIMEOUT_SECONDS = 30;
    static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);

    private final Acquirer acquirer;
    private final Clock clock;
    private final BotTokenStatus status;
    private String token;
    private Instant refreshAt = Instant.MIN;

    /** Asks MSAL for a new token, past its own cache. */
    private interface Acquirer {
        CompletableFuture<IAuthenticationResult> acquire() throws Exception;
    }

    private MsalBotTokens(Acquirer acquirer, Clock clock, BotTokenStatus status) {
        this.acquirer = acquirer;
        this.clock = clock;
        this.status = status;
    }

    static MsalBotTokens create(TeamsProperties properties, IdentityTls tls, Clock clock) {
        return create(properties, tls, clock, new BotTokenStatus(clock));
    }

    /** Tokens that report each request's outcome to {@code status}. */
    static MsalBotTokens create(TeamsProperties properties, IdentityTls tls, Clock clock, BotTokenStatus status) {
        BotType type = properties.botType();
        if (type == BotType.USER_ASSIGNED_MSI) {
            ManagedIdentityApplication.Builder builder = ManagedIdentityApplication.builder(
                    ManagedIdentityId.userAssignedClientId(properties.appId()));
            configure(builder, tls);
            ManagedIdentityApplication app = builder.build();
            return new MsalBotTokens(() -> app.acquireTokenForManagedIdentity(
                    ManagedIdentityParameters.builder(RESOURCE).forceRefresh(true).build()), clock, status);
        }
        String tenant = type == BotType.SINGLE_TENANT ? properties.appTenantId() : MULTI_TENANT_TENANT;
        String authority = properties.authority() + "/" + tenant + "/";
        try {
            ConfidentialClientApplication.Builder builder = ConfidentialClientApplication.builder(
                    properties.appId(), credential(properties)).authority(authority);
            if (!MICROSOFT_HOSTS.contains(URI.create(authority).getHost())) {
                builder.validateAuthority(false).instanceDiscovery(false);
            }
            configure(builder, tls);
            ConfidentialClientApplication app = builder.build();
            return new MsalBotTokens(() -> app.acquireToken(ClientCredentialParameters.builder(Set.of(SCOPE))
                    .skipCache(true).build()), clock, status);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Teams: could not set up the bot's credentials: " + e.getMessage(), e);
        }
    }

    private static void configure(com.microsoft.aad.msal4j.AbstractApplicationBase.Builder<?> builder,
                                  IdentityTls tls) {
        builder.connectTimeoutForDefaultHttpClient(CONNECT_TIMEOUT_MILLIS)
                .readTimeoutForDefaultHttpClient(READ_TIMEOUT_MILLIS);
        if (tls != null) {
            builder.sslSocketFactory(tls.socketFactory());
        }
    }

    private static IClientCredential credential(TeamsProperties properties)
            throws IOException, GeneralSecurityException {
        if (!properties.hasCertificate()) {
            return ClientCredentialFactory.createFromSecret(properties.appPassword());
        }
        try (InputStream pkcs12 = Files.newInputStream(Path.of(properties.appCertificatePath()))) {
            return ClientCredentialFactory.createFromCertificate(pkcs12, properties.appCertificatePassword());
        }
    }

    @Override
    public synchronized String token(boolean forceRefresh) throws IOException {
        Instant now = clock.instant();
        if (!forceRefresh && token != null && now.isBefore(refreshAt)) {
            return token;
        }
        IAuthenticationResult result = acquire();
        // MSAL states the expiry on the system clock; keep the lifetime, measured on the application's clock.
        Duration lifetime = result.expiresOnDate() == null ? Duration.ZERO
                : Duration.ofMillis(result.expiresOnDate().getTime() - System.currentTimeMillis());
        Duration margin = REFRESH_MARGIN.compareTo(lifetime.dividedBy(2)) < 0 ? REFRESH_MARGIN : lifetime.dividedBy(2);
        token = result.accessToken();
        refreshAt = now.plus(lifetime).minus(margin);
        return token;
    }

    private IAuthenticationResult acquire() throws IOException {
        try {
            IAuthenticationResult result = request();
            status.succeeded();
            return result;
        } catch (TokenRequestException e) {
            status.failed(e);
            throw e;
        }
    }

    private IAuthenticationResult request() throws TokenRequestException {
        try {
            return acquirer.acquire().get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenRequestException(0, "interrupted while getting the bot's token", e);
        } catch (ExecutionException e) {
            throw failure(e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException e) {
            throw new TokenRequestException(0, "the token endpoint did not answer in time", e);
        } catch (Exception e) {
            throw failure(e);
        }
    }

    /** MSAL's error, kept to its status and code: its message may quote the request. */
    private static TokenRequestException failure(Throwable cause) {
        if (cause instanceof MsalServiceException service) {
            int status = service.statusCode() == null ? 0 : service.statusCode();
            return new TokenRequestException(status, "the identity platform answered HTTP " + status + " "
                    + service.errorCode(), cause);
        }
        return new TokenRequestException(0, "could not get the bot's token: " + cause.getClass().getSimpleName(),
                cause);
    }
}
