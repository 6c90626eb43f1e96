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

    /**
     * The person and where they are. {@code userTeamId} is the person's own workspace as the payload gives it
     * ({@code user.team_id}, {@code user_team}; null when it does not say): a Slack Connect member of another
     * organisation, in a channel shared with the installed workspace, is attributed to their own workspace, so they
     * never act as a member of this one (its settings, admins and items stay out of their reach).
     */
    static Invoker invoker(Context ctx, String userId, String userTeamId, String userName, String channelId) {
        TenantRef tenant = tenant(ctx);
        Destination.Channel where = channelId == null || channelId.isBlank() ? null
                : new Destination.Channel(tenant, channelId);
        TenantRef own = isExternal(ctx, userTeamId) ? TenantRef.slack(userTeamId) : tenant;
        return new Invoker(new UserRef(own, userId), userName, where, isDirect(channelId), null);
    }

    /**
     * Someone acting where the request names no conversation (their Home tab): as in their DM with the bot, which a
     * post to their user id reaches.
     */
    static Invoker inDirect(Context ctx, String userId, String userName) {
        TenantRef tenant = tenant(ctx);
        return new Invoker(new UserRef(tenant, userId), userName, new Destination.Channel(tenant, userId), true,
                null);
    }

    /**
     * A workspace install knows its own team id; an org-wide install serves every workspace of its org, and a team id
     * alone does not tell whether it is in the org, so there only the request's org counts.
     */
    private static boolean isExternal(Context ctx, String userTeamId) {
        return userTeamId != null && !userTeamId.isBlank() && !ctx.isEnterpriseInstall() && ctx.getTeamId() != null
                && !userTeamId.equals(ctx.getTeamId());
    }

    /** Slack DM channel ids start with D. */
    static boolean isDirect(String channelId) {
        return channelId != null && channelId.startsWith("D");
    }
}
