package io.opsbot.slack.inbound;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.model.event.AppUninstalledEvent;
import com.slack.api.model.event.TokensRevokedEvent;
import io.opsbot.slack.installation.SlackInstallations;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The app leaving a workspace or org: {@code app_uninstalled}, or {@code tokens_revoked} naming the bot user (Slack
 * sends both, in either order). Its token is deleted at once, so from then on every request from there is refused and
 * every send there (a scheduled prompt, a retry) fails at once as unreachable instead of going out with a dead token.
 * Its data is kept until an admin deletes it or the retention passes; a new install brings it back to life.
 */
@Component
class InstallationEventsListener implements SlackListener {

    private final SlackInstallations installations;

    InstallationEventsListener(SlackInstallations installations) {
        this.installations = installations;
    }

    @Override
    public void register(App app) {
        app.event(AppUninstalledEvent.class, this::onUninstalled);
        app.event(TokensRevokedEvent.class, this::onTokensRevoked);
    }

    private com.slack.api.bolt.response.Response onUninstalled(EventsApiPayload<AppUninstalledEvent> payload,
                                                               EventContext ctx) {
        installations.removed(ctx.getEnterpriseId(), ctx.getTeamId(), "uninstalled");
        return ctx.ack();
    }

    private com.slack.api.bolt.response.Response onTokensRevoked(EventsApiPayload<TokensRevokedEvent> payload,
                                                                 EventContext ctx) {
        TokensRevokedEvent.Tokens tokens = payload.getEvent().getTokens();
        List<String> bots = tokens == null || tokens.getBot() == null ? List.of() : tokens.getBot();
        // User tokens (tokens.oauth) are never kept; only the bot's own token matters.
        installations.serving(ctx.getEnterpriseId(), ctx.getTeamId())
                .filter(installation -> bots.contains(installation.botUserId()))
                .ifPresent(installation -> installations.removed(ctx.getEnterpriseId(), ctx.getTeamId(),
                        "bot token revoked"));
        return ctx.ack();
    }
}
