package io.opsbot.teams.auth;

import com.auth0.jwt.JWT;
import com.microsoft.bot.connector.authentication.AuthenticationConfiguration;
import com.microsoft.bot.connector.authentication.ChannelValidation;
import com.microsoft.bot.connector.authentication.ClaimsIdentity;
import com.microsoft.bot.connector.authentication.JwtTokenValidation;
import com.microsoft.bot.connector.authentication.SimpleCredentialProvider;
import com.microsoft.bot.schema.Activity;
import io.opsbot.teams.TeamsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Checks that a request really comes from the Bot Connector, with the SDK's JWT validation: issuer
 * {@code https://api.botframework.com}, audience = our app id, lifetime, RS256 signature by a key from the Bot
 * Framework's OpenID metadata whose endorsements include the channel ({@code msteams}), and the {@code serviceurl}
 * claim equal to the activity's service URL; on top of the SDK, a token must carry an expiry.
 *
 * <p>Validation is on whenever an app id is configured. Without one, requests are accepted only in local mode (the
 * Agents Playground on a developer's machine); otherwise every request is refused.
 */
@Component
public class InboundAuthenticator {

    private static final Logger log = LoggerFactory.getLogger(InboundAuthenticator.class);
    private static final long VALIDATION_TIMEOUT_SECONDS = 10;

    private final TeamsProperties properties;
    private final SimpleCredentialProvider credentials;

    public InboundAuthenticator(TeamsProperties properties) {
        this.properties = properties;
        if (properties.hasAppId()) {
            // A static in the SDK: the only way to point its validation at another metadata document.
            ChannelValidation.setOpenIdMetaDataUrl(properties.getOpenIdMetadataUrl());
            this.credentials = new SimpleCredentialProvider(properties.getAppId(), properties.getAppPassword());
        } else {
            this.credentials = null;
            if (properties.isLocalMode()) {
                log.warn("Teams local mode: no Microsoft App ID is set, so /api/messages accepts requests WITHOUT "
                        + "authentication. Use this only with the Agents Playground on your own machine.");
            } else {
                log.warn("Teams is enabled but no Microsoft App ID is configured: every request to /api/messages is "
                        + "refused with 401. Set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD (or "
                        + "opsbot.teams.local-mode=true for local testing, or opsbot.teams.enabled=false).");
            }
        }
    }

    /** False when no request can ever pass (no app id, not local): answer 401 before reading anything. */
    public boolean acceptsRequests() {
        return properties.hasAppId() || properties.isLocalMode();
    }

    /** True when a request must carry a bearer token. */
    public boolean requiresToken() {
        return properties.hasAppId();
    }

    /** The SDK checks exp only when present; a Bot Connector token always has one, so one without it is refused. */
    private static boolean expires(String authorization) {
        boolean expires = JWT.decode(authorization.substring(authorization.indexOf(' ') + 1)).getExpiresAt() != null;
        if (!expires) {
            log.info("Refused a Teams request: token without expiry");
        }
        return expires;
    }

    /** Whether the request with this Authorization header may deliver this activity. Never throws. */
    public boolean authenticate(String authorization, Activity activity) {
        if (!properties.hasAppId()) {
            return properties.isLocalMode();
        }
        if (authorization == null || !JwtTokenValidation.isValidTokenFormat(authorization.strip())) {
            return false;
        }
        try {
            ClaimsIdentity identity = JwtTokenValidation.authenticateRequest(activity, authorization.strip(),
                            credentials, null, new AuthenticationConfiguration())
                    .get(VALIDATION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return identity != null && identity.isAuthenticated() && expires(authorization.strip());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // The SDK throws some failures (an undecodable token) synchronously and others in the future.
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            log.info("Refused a Teams request: {}", cause.getClass().getSimpleName() + ": " + cause.getMessage());
            return false;
        }
    }
}
