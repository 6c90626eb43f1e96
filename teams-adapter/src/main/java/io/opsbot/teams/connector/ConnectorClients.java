package io.opsbot.teams.connector;

import com.microsoft.bot.connector.Conversations;
import com.microsoft.bot.connector.authentication.AppCredentials;
import com.microsoft.bot.connector.authentication.MicrosoftAppCredentials;
import com.microsoft.bot.connector.rest.RestConnectorClient;
import com.microsoft.bot.restclient.RestClient;
import com.microsoft.bot.restclient.ServiceResponseBuilder;
import com.microsoft.bot.restclient.retry.RetryStrategy;
import com.microsoft.bot.restclient.serializer.JacksonAdapter;
import io.opsbot.teams.TeamsProperties;
import io.opsbot.teams.auth.IdentityTls;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import retrofit2.Retrofit;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One Bot Connector client per service URL (Teams hands out a few regional ones), sharing one connection pool and one
 * set of credentials. The SDK's defaults are changed on purpose: its 60 s connect / 120 s read timeouts would blow
 * Teams' 15 s reply deadline, and its retry handler re-sends 5xx answers at once, three times, with no backoff, so
 * retries are left to the callers (the core retries triage posts with backoff).
 */
@Component
public class ConnectorClients {

    static final long CONNECT_TIMEOUT_SECONDS = 5;

    private static final RetryStrategy NO_RETRY = new RetryStrategy("no-retry", false) {
        @Override
        public boolean shouldRetry(int retryCount, Response response) {
            return false;
        }
    };

    private final Map<String, RestConnectorClient> clients = new ConcurrentHashMap<>();
    private final Map<String, RestConnectorClient> posting = new ConcurrentHashMap<>();
    private final ConnectionPool pool = new ConnectionPool();
    private final AppCredentials credentials;
    private final java.time.Duration readTimeout;

    public ConnectorClients(TeamsProperties properties, ObjectProvider<IdentityTls> tls, Clock clock,
                            BotTokenStatus tokenStatus) {
        this.readTimeout = properties.connectorReadTimeout();
        this.credentials = properties.hasAppId()
                ? new ConnectorCredentials(properties.appId(), MsalBotTokens.create(properties,
                        tls.getIfAvailable(), clock, tokenStatus))
                // Local mode (Agents Playground): no app id, so the SDK sends no Authorization header at all.
                : MicrosoftAppCredentials.empty();
    }

    /** The conversations API at this service URL. */
    public Conversations conversations(String serviceUrl) {
        return clients.computeIfAbsent(normalize(serviceUrl), url -> create(url, true)).getConversations();
    }

    /**
     * The conversations API for posting messages: OkHttp must not silently send a POST again when a pooled connection
     * fails mid-call, as Teams may already have posted it. A failed post goes back to the outbox, which retries it.
     */
    public Conversations posting(String serviceUrl) {
        return posting.computeIfAbsent(normalize(serviceUrl), url -> create(url, false)).getConversations();
    }

    private RestConnectorClient create(String serviceUrl, boolean resendOnStaleConnection) {
        RestClient rest = new RestClient.Builder(
                new OkHttpClient.Builder().retryOnConnectionFailure(resendOnStaleConnection), new Retrofit.Builder())
                .withBaseUrl(serviceUrl)
                .withCredentials(credentials)
                .withSerializerAdapter(new JacksonAdapter())
                .withResponseBuilderFactory(new ServiceResponseBuilder.Factory())
                .withConnectionTimeout(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .withReadTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .withRetryStrategy(NO_RETRY)
                .withConnectionPool(pool)
                .build();
        return new RestConnectorClient(rest);
    }

    static String normalize(String serviceUrl) {
        if (serviceUrl == null || serviceUrl.isBlank()) {
            throw new IllegalArgumentException("no service URL");
        }
        String url = serviceUrl.strip();
        return url.endsWith("/") ? url : url + "/";
    }
}
