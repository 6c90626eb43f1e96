package io.opsbot.teams.outbound;

import io.opsbot.core.gateway.DeliveryException;
import io.opsbot.core.gateway.DeliveryException.Reason;
import io.opsbot.core.ratelimit.RateLimit;
import io.opsbot.core.ratelimit.RateLimiter;
import io.opsbot.core.tenant.TenantRef;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Teams' published limits for a bot's sends ({@link TeamsLimits}), kept before the connector has to answer 429: per
 * conversation (a chat, or one thread of a channel) and per tenant. Buckets are shared by every instance. A short wait
 * is waited out; a longer one becomes a RATE_LIMITED failure with its retryAfter (the outbox reschedules it; a reply
 * goes to the outbox).
 */
@Component
public class TeamsPacing {

    static final Duration MAX_WAIT = Duration.ofSeconds(2);

    private final RateLimiter limiter;
    private final RateLimit perConversation;
    private final RateLimit perTenant;

    public TeamsPacing(RateLimiter limiter, TeamsLimits limits) {
        this.limiter = limiter;
        this.perConversation = RateLimit.perSecond(limits.conversationPerSecond(), limits.conversationBurst());
        this.perTenant = RateLimit.perSecond(limits.tenantPerSecond(), limits.tenantBurst());
    }

    /** Before a send, an update or a conversation creation in {@code conversationId} (thread suffix included). */
    public void send(TenantRef tenant, String conversationId) {
        take("teams-conversation:" + tenant.key() + ":" + conversationId, perConversation, "conversation");
        take("teams-tenant:" + tenant.key(), perTenant, "tenant " + tenant.tenantId());
    }

    private void take(String key, RateLimit limit, String what) {
        limiter.take(key, limit, MAX_WAIT).ifPresent(wait -> {
            throw new DeliveryException(Reason.RATE_LIMITED, "Teams pace for the " + what + " reached", wait, null);
        });
    }
}
