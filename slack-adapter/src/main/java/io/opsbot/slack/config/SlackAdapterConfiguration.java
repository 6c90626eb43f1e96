package io.opsbot.slack.config;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.methods.MethodsClient;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.settings.TenantDefaults;
import io.opsbot.core.tenant.Platform;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.slack.inbound.SlackListener;
import io.opsbot.slack.outbound.SlackChatGateway;
import io.opsbot.slack.outbound.SlackPeopleDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

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
        config.setMethodsEndpointUrlPrefix(properties.getApiBaseUrl());
        config.setPrettyResponseLoggingEnabled(false);
        return Slack.getInstance(config);
    }

    @Bean
    MethodsClient slackMethods(Slack slack, SlackProperties properties) {
        return slack.methods(properties.getBotToken());
    }

    @Bean
    SlackChatGateway slackChatGateway(MethodsClient slackMethods) {
        return new SlackChatGateway(slackMethods);
    }

    @Bean
    SlackPeopleDirectory slackPeopleDirectory(MethodsClient slackMethods) {
        return new SlackPeopleDirectory(slackMethods);
    }

    @Bean
    App slackApp(Slack slack, SlackProperties properties, List<SlackListener> listeners) {
        AppConfig config = AppConfig.builder()
                .slack(slack)
                .singleTeamBotToken(properties.getBotToken())
                .signingSecret(properties.getSigningSecret())
                .build();
        App app = new App(config);
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
                String channel = properties.getTriageChannel();
                return channel == null || channel.isBlank() ? Optional.empty()
                        : Optional.of(new Destination.Channel(tenant, channel));
            }
        };
    }
}
