package io.opsbot.slack.installation;

import io.opsbot.core.tenant.TenantRef;

/**
 * Where the bot is installed and how it acts there: the workspace (team) or, for an org-wide install, the Enterprise
 * Grid org, the bot token and the bot's own ids. {@link #toString()} never shows the token.
 */
public record SlackInstallation(String teamId, String enterpriseId, boolean enterpriseInstall, String botToken,
                                String botUserId, String botId) {

    /**
     * Whether a request from this team / enterprise belongs here: an org-wide install serves every workspace of its
     * org; a workspace install only its own workspace.
     */
    public boolean serves(String requestEnterpriseId, String requestTeamId) {
        if (enterpriseInstall) {
            return enterpriseId != null && enterpriseId.equals(requestEnterpriseId);
        }
        return teamId != null && teamId.equals(requestTeamId);
    }

    /** The tenant its data belongs to: the org for an org-wide install, else the workspace. */
    public TenantRef tenant() {
        return TenantRef.slack(enterpriseInstall ? enterpriseId : teamId);
    }

    @Override
    public String toString() {
        return "SlackInstallation[team=" + teamId + ", enterprise=" + enterpriseId + ", orgWide=" + enterpriseInstall
                + "]";
    }
}
