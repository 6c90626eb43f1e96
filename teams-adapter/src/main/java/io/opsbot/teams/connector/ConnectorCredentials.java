package io.opsbot.teams.connector;

import com.microsoft.aad.msal4j.IAccount;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.ITenantProfile;
import com.microsoft.bot.connector.authentication.AppCredentials;
import com.microsoft.bot.connector.authentication.Authenticator;

import java.io.IOException;
import java.util.Date;
import java.util.concurrent.CompletableFuture;

/**
 * The SDK's credentials with our own {@link Authenticator}: the SDK's interceptor asks it for a token before each
 * connector call and sends it as {@code Authorization: Bearer}. Tokens come from {@link ClientCredentialsTokenSource}.
 */
final class ConnectorCredentials extends AppCredentials {

    private final ClientCredentialsTokenSource tokens;

    ConnectorCredentials(String appId, ClientCredentialsTokenSource tokens) {
        super(null);
        setAppId(appId);
        this.tokens = tokens;
    }

    @Override
    protected Authenticator buildAuthenticator() {
        return () -> {
            try {
                return CompletableFuture.completedFuture(new BearerToken(tokens.token()));
            } catch (IOException e) {
                return CompletableFuture.failedFuture(e);
            }
        };
    }

    /** The SDK only reads {@link #accessToken()} from msal4j's result type. */
    private record BearerToken(String accessToken) implements IAuthenticationResult {

        @Override
        public String idToken() {
            return null;
        }

        @Override
        public IAccount account() {
            return null;
        }

        @Override
        public ITenantProfile tenantProfile() {
            return null;
        }

        @Override
        public String environment() {
            return null;
        }

        @Override
        public String scopes() {
            return ClientCredentialsTokenSource.SCOPE;
        }

        @Override
        public Date expiresOnDate() {
            return null;
        }
    }
}
