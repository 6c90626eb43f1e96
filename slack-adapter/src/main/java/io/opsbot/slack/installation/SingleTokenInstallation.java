package io.opsbot.slack.installation;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.auth.AuthTestResponse;
import io.opsbot.core.retention.Departures;
import io.opsbot.core.tenant.TenantRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The one installation the configured bot token belongs to, learnt from {@code auth.test} at start-up against the
 * configured Web API. If Slack does not answer then, every request is refused until a later try (at most one a
 * minute) succeeds: without knowing the workspace, nothing can be checked.
 */
public class SingleTokenInstallation implements SlackInstallations {

    private static final Logger log = LoggerFactory.getLogger(SingleTokenInstallation.class);
    static final Duration RETRY = Duration.ofMinutes(1);
    static final String REFUSAL = "Product Ops Bot is installed in a different Slack workspace, so it can't do "
            + "anything here. Ask an admin of this workspace to install it.";

    private final MethodsClient client;
    private final String botToken;
    private final Clock clock;
    private final Departures departures;
    private volatile SlackInstallation installation;
    private volatile Instant nextTry = Instant.MIN;

    public SingleTokenInstallation(MethodsClient client, String botToken, Clock clock, Departures departures) {
        this.client = client;
        this.botToken = botToken;
        this.clock = clock;
        this.departures = departures;
    }

    @Override
    public Optional<SlackInstallation> serving(String enterpriseId, String teamId) {
        return installation().filter(i -> i.serves(enterpriseId, teamId));
    }

    /**
     * The one token acts for every Slack tenant this bot holds data for: its own workspace (or org), and the
     * workspaces of Slack Connect members it talks to in shared channels.
     */
    @Override
    public Optional<SlackInstallation> forTenant(TenantRef tenant) {
        return installation();
    }

    @Override
    public String notServedReply() {
        return REFUSAL;
    }

    /**
     * The configured token is dead from now on: every request is refused and every send fails at once until the bot
     * is restarted with the token of a new install.
     */
    @Override
    public Optional<TenantRef> removed(String enterpriseId, String teamId, String reason) {
        SlackInstallation gone;
        synchronized (this) {
            gone = installation;
            if (gone == null || !gone.serves(enterpriseId, teamId)) {
                return Optional.empty();
            }
            installation = null;
            nextTry = Instant.MAX;
        }
        log.warn("Slack app {} in {}: its token no longer works; set SLACK_BOT_TOKEN to a new install's token and "
                + "restart", reason, gone.tenant());
        departures.left(gone.tenant(), clock.instant(), reason);
        return Optional.of(gone.tenant());
    }

    /** The installation, asking auth.test when it is not known yet. */
    public Optional<SlackInstallation> installation() {
        SlackInstallation known = installation;
        if (known != null) {
            return Optional.of(known);
        }
        synchronized (this) {
            Instant now = clock.instant();
            if (installation == null && !now.isBefore(nextTry)) {
                nextTry = now.plus(RETRY);
                installation = authTest();
            }
            return Optional.ofNullable(installation);
        }
    }

    private SlackInstallation authTest() {
        try {
            AuthTestResponse response = client.authTest(r -> r.token(botToken));
            if (!response.isOk()) {
                log.error("auth.test refused the Slack bot token ({}); Slack requests are refused until it works",
                        response.getError());
                return null;
            }
            SlackInstallation learnt = new SlackInstallation(response.getTeamId(), response.getEnterpriseId(),
                    response.isEnterpriseInstall(), botToken, response.getUserId(), response.getBotId());
            log.info("Slack bot token belongs to {}", learnt);
            // A workspace the app had left is back (a new install's token): its data is no longer up for deletion.
            departures.returned(learnt.tenant());
            return learnt;
        } catch (Exception e) {
            log.error("auth.test failed ({}); Slack requests are refused until it works", e.toString());
            return null;
        }
    }
}
