package io.opsbot.slack.oauth;

import com.slack.api.bolt.model.Bot;
import com.slack.api.token_rotation.TokenRotationException;
import com.slack.api.token_rotation.TokenRotator;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.slack.installation.SlackInstallation;
import io.opsbot.slack.installation.SlackInstallations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The installations made by OAuth: each workspace, and each Enterprise Grid org installed org-wide, acts with its own
 * token. With token rotation on, a token near its end is refreshed first, through Bolt's {@link TokenRotator} and
 * saved through the {@link MongoInstallationService} (only one instance refreshes; the others keep the current token,
 * which is still good that long).
 */
public class OAuthInstallations implements SlackInstallations {

    private static final Logger log = LoggerFactory.getLogger(OAuthInstallations.class);
    /** How long one instance may take to refresh a token before another may try. */
    static final Duration REFRESH_LEASE = Duration.ofMinutes(1);

    private final MongoInstallationService store;
    private final TokenRotator rotator;
    private final Duration refreshBefore;
    private final Clock clock;
    private final String notServed;

    public OAuthInstallations(MongoInstallationService store, TokenRotator rotator, Duration refreshBefore,
                              Clock clock, String installUrl) {
        this.store = store;
        this.rotator = rotator;
        this.refreshBefore = refreshBefore;
        this.clock = clock;
        this.notServed = "Product Ops Bot is not installed in this workspace (or was removed from it), so it can't do "
                + "anything here. " + (installUrl == null ? "Ask an admin of this workspace to install it."
                : "An admin of this workspace can install it at " + installUrl);
    }

    @Override
    public Optional<SlackInstallation> serving(String enterpriseId, String teamId) {
        return Optional.ofNullable(store.findBot(enterpriseId, teamId)).map(this::current);
    }

    @Override
    public Optional<SlackInstallation> forTenant(TenantRef tenant) {
        return store.findBotOf(tenant).map(this::current);
    }

    @Override
    public String notServedReply() {
        return notServed;
    }

    @Override
    public Optional<TenantRef> removed(String enterpriseId, String teamId, String reason) {
        return store.find(enterpriseId, teamId, true).flatMap(i -> store.remove(i.getId(), reason));
    }

    private SlackInstallation current(Bot bot) {
        Bot fresh = refreshedIfDue(bot);
        return new SlackInstallation(fresh.getTeamId(), fresh.getEnterpriseId(),
                Boolean.TRUE.equals(fresh.getIsEnterpriseInstall()), fresh.getBotAccessToken(), fresh.getBotUserId(),
                fresh.getBotId());
    }

    private Bot refreshedIfDue(Bot bot) {
        Long expiresAt = bot.getBotTokenExpiresAt();
        if (bot.getBotRefreshToken() == null || expiresAt == null
                || expiresAt - clock.millis() > refreshBefore.toMillis() || !store.leaseRefresh(bot, REFRESH_LEASE)) {
            return bot;
        }
        try {
            return rotator.performTokenRotation(t -> t.accessToken(bot.getBotAccessToken())
                            .refreshToken(bot.getBotRefreshToken()).expiresAt(expiresAt))
                    .map(refreshed -> {
                        bot.setBotAccessToken(refreshed.getAccessToken());
                        bot.setBotRefreshToken(refreshed.getRefreshToken());
                        bot.setBotTokenExpiresAt(refreshed.getExpiresAt());
                        store.saveBot(bot);
                        log.info("Refreshed the Slack bot token of {} (token rotation)", tenantOf(bot));
                        return bot;
                    })
                    .orElseGet(() -> {
                        store.releaseRefresh(bot);
                        return bot;
                    });
        } catch (TokenRotationException e) {
            // The message names the error Slack gave (invalid_refresh_token, ...), never a token.
            log.warn("Could not refresh the Slack bot token of {}: {}", tenantOf(bot), e.getMessage());
            store.releaseRefresh(bot);
            return bot;
        }
    }

    private static TenantRef tenantOf(Bot bot) {
        return TenantRef.slack(Boolean.TRUE.equals(bot.getIsEnterpriseInstall()) ? bot.getEnterpriseId()
                : bot.getTeamId());
    }
}
