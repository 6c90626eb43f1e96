package io.opsbot.slack.config;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The Slack adapter runs only with a bot token (one workspace) or an OAuth client (installs into many), and either a
 * signing secret (HTTP mode) or an app-level token (Socket Mode), so a Teams-only deployment starts without Slack
 * settings.
 */
class SlackConfiguredCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        var env = context.getEnvironment();
        boolean token = StringUtils.hasText(env.getProperty("opsbot.slack.bot-token"))
                || StringUtils.hasText(env.getProperty("opsbot.slack.oauth.client-id"))
                && StringUtils.hasText(env.getProperty("opsbot.slack.oauth.client-secret"));
        boolean secret = StringUtils.hasText(env.getProperty("opsbot.slack.signing-secret"))
                || StringUtils.hasText(env.getProperty("opsbot.slack.app-token"));
        return token && secret ? ConditionOutcome.match("Slack bot token or OAuth client, and a secret, are set")
                : ConditionOutcome.noMatch("Slack is not configured (opsbot.slack.bot-token, or oauth.client-id and "
                        + "oauth.client-secret, with signing-secret or app-token)");
    }
}
