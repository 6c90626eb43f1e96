package io.opsbot.slack.outbound;

import io.opsbot.core.gateway.DeliveryException;
import io.opsbot.core.gateway.DeliveryException.Reason;
import io.opsbot.core.ratelimit.RateLimit;
import io.opsbot.core.ratelimit.RateLimiter;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.slack.config.SlackProperties;

import java.time.Duration;

/**
 * Slack's published pace for what the bot posts, kept before Slack has to answer 429: chat.postMessage about one
 * message a second per channel with short bursts, and several hundred a minute per workspace; chat.update is Tier 3
 * (50+ a minute per workspace), views.publish Tier 4 (100+). Buckets are shared by every instance. A short wait is waited out; a longer one
 * becomes a RATE_LIMITED failure with its retryAfter, which the outbox reschedules.
 */
public class SlackPacing {

    /** The longest a send holds its thread waiting for its turn. */
    static final Duration MAX_WAIT = Duration.ofSeconds(2);
    static final RateLimit UPDATES = RateLimit.perMinute(50, 20);

    private final RateLimiter limiter;
    private final RateLimit perChannel;
    private final RateLimit perWorkspace;
    private final RateLimit homePublishes;

    public SlackPacing(RateLimiter limiter, SlackProperties.Limits limits) {
        this.limiter = limiter;
        this.perChannel = RateLimit.perSecond(limits.channelPerSecond(), limits.channelBurst());
        this.perWorkspace = RateLimit.perMinute(limits.workspacePerMinute(), limits.workspaceBurst());
        this.homePublishes = RateLimit.perMinute(limits.homePublishesPerMinute(), limits.homePublishBurst());
    }

    /** Before a chat.postMessage into {@code channel} (a channel id, or a user id for their DM with the app). */
    void post(TenantRef tenant, String channel) {
        take("slack-post:" + tenant.key() + ":" + channel, perChannel, "channel " + channel);
        take("slack-post:" + tenant.key(), perWorkspace, "workspace " + tenant.tenantId());
    }

    void publish(TenantRef tenant) {
        take("slack-publish:" + tenant.key(), homePublishes, "views.publish in workspace " + tenant.tenantId());
    }

    void update(TenantRef tenant) {
        take("slack-update:" + tenant.key(), UPDATES, "chat.update in workspace " + tenant.tenantId());
    }

    private void take(String key, RateLimit limit, String what) {
        limiter.take(key, limit, MAX_WAIT).ifPresent(wait -> {
            throw new DeliveryException(Reason.RATE_LIMITED, "Slack pace for " + what + " reached", wait, null);
        });
    }
}
