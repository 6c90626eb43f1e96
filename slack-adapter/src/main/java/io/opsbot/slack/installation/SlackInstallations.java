package io.opsbot.slack.installation;

import java.util.Optional;

/**
 * Finds the installation that serves a request's workspace or org. Today the bot has one token (single-token mode), so
 * a request from anywhere else is refused; once installs by OAuth exist (issue 11) an implementation backed by the
 * stored installations routes each workspace to its own, and nothing else has to change.
 */
public interface SlackInstallations {

    Optional<SlackInstallation> serving(String enterpriseId, String teamId);
}
