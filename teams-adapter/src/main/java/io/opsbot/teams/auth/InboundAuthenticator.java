package io.opsbot.teams.auth;

import com.nimbusds.jose.util.DefaultResourceRetriever;
import io.opsbot.teams.TeamsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Decides whether a request to {@code /api/messages} really comes from the Bot Connector for this bot: with an app id
 * configured, its bearer token must pass {@link ConnectorTokenValidator} for the bot's type. Without one, requests
 * are accepted only in local mode (the Agents Playground on a developer's machine); otherwise every request is refused.
 */
@Component
public class InboundAuthenticator {

    private static final Logger log = LoggerFactory.getLogger(InboundAuthenticator.class);
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int READ_TIMEOUT_MILLIS = 5_000;
    private static final int SIZE_LIMIT_BYTES = 512 * 1024;

    private final TeamsProperties properties;
    private final ConnectorTokenValidator validator;

    public InboundAuthenticator(TeamsProperties properties, ObjectProvider<IdentityTls> tls) {
        this.properties = properties;
        if (properties.hasAppId()) {
            IdentityTls trust = tls.getIfAvailable();
            DefaultResourceRetriever http = new DefaultResourceRetriever(CONNECT_TIMEOUT_MILLIS, READ_TIMEOUT_MILLIS,
                    SIZE_LIMIT_BYTES, true, trust == null ? null : trust.socketFactory());
            this.validator = new ConnectorTokenValidator(properties.appId(), properties.botType(),
                    properties.appTenantId(), properties.openIdMetadataUrl(), properties.authority(), http,
                    properties.signingKeysTtl(), properties.signingKeysMinRefresh());
            log.info("Teams: {} bot {}{}; requests to /api/messages need a Bot Connector token",
                    properties.botType().setting(), properties.appId(), properties.botType().tenantIssued()
                            ? " of tenant " + properties.appTenantId() : "");
        } else {
            this.validator = null;
            if (properties.localMode()) {
                log.warn("Teams local mode: no Microsoft App ID is set, so /api/messages accepts requests WITHOUT "
                        + "authentication. Use this only with the Agents Playground on your own machine.");
            } else {
                log.warn("Teams is enabled but no Microsoft App ID is configured: every request to /api/messages is "
                        + "refused with 401. Set MICROSOFT_APP_ID, MICROSOFT_APP_TENANT_ID and MICROSOFT_APP_PASSWORD "
                        + "(see README, \"Connect a real Teams tenant\"), or opsbot.teams.local-mode=true for local "
                        + "testing, or opsbot.teams.enabled=false.");
            }
        }
    }

    /** False when no request can ever pass (no app id, not local): answer 401 before reading anything. */
    public boolean acceptsRequests() {
        return properties.hasAppId() || properties.localMode();
    }

    /** True when a request must carry a bearer token. */
    public boolean requiresToken() {
        return properties.hasAppId();
    }

    /** Whether a request with this Authorization header may deliver an activity from this service URL. */
    public boolean authenticate(String authorization, String serviceUrl) {
        if (validator == null) {
            return properties.localMode();
        }
        String header = authorization == null ? "" : authorization.strip();
        if (header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            log.info("Refused a Teams request: no bearer token");
            return false;
        }
        return validator.refusal(header.substring(7).strip(), serviceUrl).map(reason -> {
            log.info("Refused a Teams request: {}", reason);
            return false;
        }).orElse(true);
    }
}
