package io.opsbot.slack.config;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** Installs by OAuth are on when the app's client id and secret are set ({@code SLACK_CLIENT_ID/SECRET}). */
public class SlackOAuthCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return enabled(context) ? ConditionOutcome.match("Slack OAuth client id and secret are set")
                : ConditionOutcome.noMatch("Slack OAuth is off (no client id and secret)");
    }

    private static boolean enabled(ConditionContext context) {
        var env = context.getEnvironment();
        return StringUtils.hasText(env.getProperty("opsbot.slack.oauth.client-id"))
                && StringUtils.hasText(env.getProperty("opsbot.slack.oauth.client-secret"));
    }

    /** The opposite: one workspace, with the bot token from the environment. */
    public static class Off extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return enabled(context) ? ConditionOutcome.noMatch("Slack OAuth is on")
                    : ConditionOutcome.match("Slack OAuth is off: one workspace's bot token");
        }
    }
}
