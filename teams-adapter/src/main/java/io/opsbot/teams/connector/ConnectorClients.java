package io.opsbot.teams.connector;

import com.microsoft.bot.connector.Conversations;
import com.microsoft.bot.connector.authentication.AppCredentials;
import com.microsoft.bot.connector.authentication.MicrosoftAppCredentials;
import com.microsoft.bot.connector.rest.RestConnectorClient;
import com.microsoft.bot.restclient.RestClient;
import com.microsoft.bot.restclient.retry.RetryStrategy;
import io.opsbot.teams.TeamsProperties;
import io.opsbot.teams.auth.IdentityTls;
import okhttp3.ConnectionPool;
import okhttp3.Response;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

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
    static final long READ_TIMEOUT_SECONDS = 10;

    private static final RetryStrategy NO_RETRY = new RetryStrategy("no-retry", false) {
        @Override
        public boolean shouldRetry(int retryCount, Response response) {
            return false;
        }
    };

    private final Map<String, RestConnectorClient> clients = new ConcurrentHashMap<>();
    private final ConnectionPool pool = new ConnectionPool();
    private final AppCredentials credentials;

    public ConnectorClients(TeamsProperties properties, ObjectProvider<IdentityTls> tls, Clock clock) {
        this.credentials = properties.hasAppId()
                ? new ConnectorCredentials(properties.appId(), MsalBotTokens.create(properties,
                        tls.getIfAvailable(), clock))
                // Local mode (Agents Playground): no app id, so the SDK sends no Authorization header at all.
                : MicrosoftAppCredentials.empty();
    }

    /** The conversations API at this service URL. */
    public Conversations conversations(String serviceUrl) {
        return clients.computeIfAbsent(normalize(serviceUrl), this::create).getConversations();
    }

    private RestConnectorClient create(String serviceUrl) {
        RestClient rest = RestConnectorClient.getDefaultRestClientBuilder(serviceUrl, credentials)
                .withConnectionTimeout(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .withReadTimeout(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS)
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
