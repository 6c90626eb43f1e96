package io.opsbot.teams.connector;

import com.microsoft.aad.msal4j.IAccount;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.ITenantProfile;
import com.microsoft.bot.connector.authentication.AppCredentials;
import com.microsoft.bot.connector.authentication.Authenticator;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.util.Date;
import java.util.concurrent.CompletableFuture;

/**
 * The SDK's credentials, with the bot's own tokens: every connector call carries {@code Authorization: Bearer} with
 * the cached token, and a call the connector answers 401 is sent once more with a token fetched anew (a token revoked
 * or rotated before its expiry). A second 401 is the answer.
 */
final class ConnectorCredentials extends AppCredentials {

    private final BotTokens tokens;

    ConnectorCredentials(String appId, BotTokens tokens) {
        super(null);
        setAppId(appId);
        this.tokens = tokens;
    }

    @Override
    public void applyCredentialsFilter(OkHttpClient.Builder client) {
        client.interceptors().add(new BearerWithOneRefresh(tokens));
    }

    @Override
    protected Authenticator buildAuthenticator() {
        return () -> {
            try {
                return CompletableFuture.completedFuture(new BearerToken(tokens.token(false)));
            } catch (IOException e) {
                return CompletableFuture.failedFuture(e);
            }
        };
    }

    static final class BearerWithOneRefresh implements Interceptor {

        private final BotTokens tokens;

        BearerWithOneRefresh(BotTokens tokens) {
            this.tokens = tokens;
        }

        @Override
        public Response intercept(Chain chain) throws IOException {
            Request request = chain.request();
            Response response = chain.proceed(withToken(request, tokens.token(false)));
            if (response.code() != 401) {
                return response;
            }
            response.close();
            return chain.proceed(withToken(request, tokens.token(true)));
        }

        private static Request withToken(Request request, String token) {
            return request.newBuilder().header("Authorization", "Bearer " + token).build();
        }
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
            return BotTokens.SCOPE;
        }

        @Override
        public Date expiresOnDate() {
            return null;
        }
    }
}
