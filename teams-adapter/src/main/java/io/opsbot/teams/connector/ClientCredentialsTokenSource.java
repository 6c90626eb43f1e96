package io.opsbot.teams.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.bot.schema.Serialization;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Gets the bot's token for calls to the Bot Connector with the OAuth client-credentials grant and keeps it until
 * shortly before it expires. We do this ourselves instead of through msal4j because msal4j first discovers the
 * authority at login.microsoftonline.com, which cannot be pointed at a test server.
 */
public class ClientCredentialsTokenSource {

    public static final String SCOPE = "https://api.botframework.com/.default";
    /** Refresh this long before expiry, so a token never expires between the check and its use. */
    private static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI endpoint;
    private final String clientId;
    private final String clientSecret;
    private final Clock clock;

    private String token;
    private Instant refreshAt = Instant.MIN;

    public ClientCredentialsTokenSource(URI endpoint, String clientId, String clientSecret, Clock clock) {
        this.endpoint = endpoint;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.clock = clock;
    }

    /** A valid access token, from the cache or fetched now. */
    public synchronized String token() throws IOException {
        Instant now = clock.instant();
        if (token != null && now.isBefore(refreshAt)) {
            return token;
        }
        String form = "grant_type=client_credentials&client_id=" + enc(clientId) + "&client_secret=" + enc(clientSecret)
                + "&scope=" + enc(SCOPE);
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while getting a Bot Framework token", e);
        }
        if (response.statusCode() != 200) {
            // The body may echo request details; the status is enough to act on.
            throw new TokenRequestException(response.statusCode());
        }
        JsonNode body = Serialization.jsonToTree(response.body());
        String accessToken = body.path("access_token").asText("");
        long expiresIn = body.path("expires_in").asLong(0);
        if (accessToken.isEmpty() || expiresIn <= 0) {
            throw new IOException("the token endpoint answered without access_token/expires_in");
        }
        Duration lifetime = Duration.ofSeconds(expiresIn);
        Duration keep = lifetime.compareTo(REFRESH_MARGIN.multipliedBy(2)) > 0 ? lifetime.minus(REFRESH_MARGIN)
                : lifetime.dividedBy(2);
        token = accessToken;
        refreshAt = now.plus(keep);
        return token;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The token endpoint refused or failed; {@link #status()} tells which. */
    public static class TokenRequestException extends IOException {
        private final int status;

        TokenRequestException(int status) {
            super("the token endpoint answered HTTP " + status);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
