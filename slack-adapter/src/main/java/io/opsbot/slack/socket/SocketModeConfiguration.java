package io.opsbot.slack.socket;

import com.slack.api.Slack;
import com.slack.api.bolt.App;
import io.opsbot.slack.config.SlackProperties;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

import java.security.SecureRandom;
import java.time.Clock;

/** Socket Mode, when an app-level token is set: the supervised connection and its health. */
@Configuration(proxyBeanMethods = false)
@Conditional(SocketModeConfiguration.AppTokenSet.class)
@EnableConfigurationProperties(SocketModeProperties.class)
public class SocketModeConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Delays socketModeDelays() {
        return new ThreadDelays();
    }

    @Bean
    SocketModeSupervisor socketModeSupervisor(Slack slack, App slackApp, SlackProperties slackProperties,
                                              SocketModeProperties properties, Delays socketModeDelays, Clock clock) {
        return new SocketModeSupervisor(slack, slackProperties.appToken(), new EnvelopeHandler(slackApp),
                properties, new Backoff(properties.firstBackoff(), properties.maxBackoff(), new SecureRandom()),
                socketModeDelays, clock);
    }

    @Bean
    SocketModeHealthIndicator slackSocketModeHealthIndicator(SocketModeSupervisor socketModeSupervisor,
                                                             SocketModeProperties properties, Clock clock) {
        return new SocketModeHealthIndicator(socketModeSupervisor, properties, clock);
    }

    static class AppTokenSet extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return StringUtils.hasText(context.getEnvironment().getProperty("opsbot.slack.app-token"))
                    ? ConditionOutcome.match("an app-level token is set: Socket Mode")
                    : ConditionOutcome.noMatch("no app-level token: HTTP mode");
        }
    }
}
