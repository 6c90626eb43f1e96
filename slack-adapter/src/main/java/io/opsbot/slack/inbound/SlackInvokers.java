package io.opsbot.slack.inbound;

import com.slack.api.bolt.context.Context;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;

/** Who and where, read from Slack's request context. */
final class SlackInvokers {

    private SlackInvokers() {
    }

    /** An org-wide (Enterprise Grid) install is one tenant, the enterprise; otherwise the workspace is. */
    static TenantRef tenant(Context ctx) {
        if (ctx.isEnterpriseInstall() && ctx.getEnterpriseId() != null) {
            return TenantRef.slack(ctx.getEnterpriseId());
        }
        if (ctx.getTeamId() != null) {
            return TenantRef.slack(ctx.getTeamId());
        }
        return TenantRef.slack(ctx.getEnterpriseId());
    }

    static Invoker invoker(Context ctx, String userId, String userName, String channelId) {
        TenantRef tenant = tenant(ctx);
        Destination.Channel where = channelId == null || channelId.isBlank() ? null
                : new Destination.Channel(tenant, channelId);
        return new Invoker(new UserRef(tenant, userId), userName, where, isDirect(channelId), null);
    }

    /** Slack DM channel ids start with D. */
    static boolean isDirect(String channelId) {
        return channelId != null && channelId.startsWith("D");
    }
}
