package io.opsbot.slack.installation;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.auth.AuthTestResponse;
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

    private final MethodsClient client;
    private final String botToken;
    private final Clock clock;
    private volatile SlackInstallation installation;
    private volatile Instant nextTry = Instant.MIN;

    public SingleTokenInstallation(MethodsClient client, String botToken, Clock clock) {
        this.client = client;
        this.botToken = botToken;
        this.clock = clock;
    }

    @Override
    public Optional<SlackInstallation> serving(String enterpriseId, String teamId) {
        return installation().filter(i -> i.serves(enterpriseId, teamId));
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
            return learnt;
        } catch (Exception e) {
            log.error("auth.test failed ({}); Slack requests are refused until it works", e.toString());
            return null;
        }
    }
}
