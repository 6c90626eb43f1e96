package io.opsbot.slack.config;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.methods.MethodsClient;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.ratelimit.RateLimiter;
import io.opsbot.core.settings.TenantDefaults;
import io.opsbot.core.tenant.Platform;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.slack.inbound.SlackListener;
import io.opsbot.slack.installation.InstallationAuthorization;
import io.opsbot.slack.installation.InstallationCheckingApp;
import io.opsbot.slack.installation.SingleTokenInstallation;
import io.opsbot.slack.installation.SlackInstallations;
import io.opsbot.slack.outbound.SlackChatGateway;
import io.opsbot.slack.outbound.SlackFileGateway;
import io.opsbot.slack.outbound.SlackPacing;
import io.opsbot.slack.outbound.SlackPeopleDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The Slack adapter: a Bolt app fed by HTTP ({@code /slack/events}) or Socket Mode, and the Slack chat gateway. */
@Configuration(proxyBeanMethods = false)
@Conditional(SlackConfiguredCondition.class)
@EnableConfigurationProperties(SlackProperties.class)
@ComponentScan(basePackages = {"io.opsbot.slack.inbound", "io.opsbot.slack.web"})
public class SlackAdapterConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SlackAdapterConfiguration.class);

    @Bean
    Slack slack(SlackProperties properties) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(properties.apiBaseUrl());
        config.setPrettyResponseLoggingEnabled(false);
        return Slack.getInstance(config);
    }

    @Bean
    MethodsClient slackMethods(Slack slack, SlackProperties properties) {
        return slack.methods(properties.botToken());
    }

    @Bean
    SlackChatGateway slackChatGateway(MethodsClient slackMethods, RateLimiter rateLimiter, SlackProperties properties) {
        return new SlackChatGateway(slackMethods, new SlackPacing(rateLimiter, properties.limits()));
    }

    @Bean
    SlackFileGateway slackFileGateway(MethodsClient slackMethods, Slack slack, RateLimiter rateLimiter,
                                      SlackProperties properties) {
        return new SlackFileGateway(slackMethods, slack, new SlackPacing(rateLimiter, properties.limits()));
    }

    @Bean
    SlackPeopleDirectory slackPeopleDirectory(MethodsClient slackMethods) {
        return new SlackPeopleDirectory(slackMethods);
    }

    /** The workspace the bot token belongs to, asked of auth.test at start-up. */
    @Bean
    SingleTokenInstallation slackInstallation(MethodsClient slackMethods, SlackProperties properties, Clock clock) {
        SingleTokenInstallation installation = new SingleTokenInstallation(slackMethods, properties.botToken(),
                clock);
        installation.installation();
        return installation;
    }

    @Bean
    App slackApp(Slack slack, SlackProperties properties, SlackInstallations installations,
                 List<SlackListener> listeners) {
        AppConfig config = AppConfig.builder()
                .slack(slack)
                .singleTeamBotToken(properties.botToken())
                .signingSecret(properties.signingSecret())
                // HTTP requests are verified before Bolt sees them, over the raw bytes (SlackEventsController).
                .requestVerificationEnabled(false)
                .build();
        App app = new InstallationCheckingApp(config, new InstallationAuthorization(installations));
        listeners.forEach(listener -> listener.register(app));
        log.info("Slack adapter ready ({})", properties.socketMode() ? "Socket Mode" : "HTTP at /slack/events");
        return app;
    }

    @Bean
    TenantDefaults slackTenantDefaults(SlackProperties properties) {
        return new TenantDefaults() {
            @Override
            public Platform platform() {
                return Platform.SLACK;
            }

            @Override
            public Optional<Destination.Channel> triageChannel(TenantRef tenant) {
                String channel = properties.triageChannel();
                return channel == null || channel.isBlank() ? Optional.empty()
                        : Optional.of(new Destination.Channel(tenant, channel));
            }
        };
    }
}
