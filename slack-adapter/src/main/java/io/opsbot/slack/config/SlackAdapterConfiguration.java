package io.opsbot.slack.config;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.util.http.SlackHttpClient;
import com.slack.api.token_rotation.TokenRotator;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.ratelimit.RateLimiter;
import io.opsbot.core.retention.Departures;
import io.opsbot.core.retention.KeptWhileInstalled;
import io.opsbot.core.secret.CredentialCipher;
import io.opsbot.core.settings.TenantDefaults;
import io.opsbot.core.tenant.Platform;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.slack.inbound.SlackListener;
import io.opsbot.slack.installation.InstallationAuthorization;
import io.opsbot.slack.installation.InstallationCheckingApp;
import io.opsbot.slack.installation.SingleTokenInstallation;
import io.opsbot.slack.installation.SlackInstallations;
import io.opsbot.slack.oauth.MongoInstallationService;
import io.opsbot.slack.oauth.MongoOAuthStateService;
import io.opsbot.slack.oauth.OAuthInstallations;
import io.opsbot.slack.oauth.OAuthPages;
import io.opsbot.slack.outbound.SlackChatGateway;
import io.opsbot.slack.outbound.SlackFileGateway;
import io.opsbot.slack.outbound.SlackPacing;
import io.opsbot.slack.outbound.SlackPeopleDirectory;
import io.opsbot.slack.outbound.SlackWebApi;
import io.opsbot.slack.outbound.SlackWebApiHealthIndicator;
import io.opsbot.slack.outbound.SlackWebApiStatus;
import io.opsbot.slack.socket.SocketModeConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Slack adapter: a Bolt app fed by HTTP ({@code /slack/events}) or Socket Mode, and the Slack chat gateway. It acts
 * in one workspace with a bot token from the environment, or in every workspace and org installed by OAuth.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(SlackConfiguredCondition.class)
@EnableConfigurationProperties(SlackProperties.class)
@ComponentScan(basePackages = {"io.opsbot.slack.inbound", "io.opsbot.slack.web", "io.opsbot.slack.home"})
@Import(SocketModeConfiguration.class)
public class SlackAdapterConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SlackAdapterConfiguration.class);

    @Bean
    Slack slack(SlackProperties properties) {
        return Slack.getInstance(config(properties));
    }

    /**
     * Posts go through a client of their own: OkHttp silently sends a request again when a pooled connection fails
     * mid-call, which for chat.postMessage could post twice. A failed post goes back to the outbox instead, which
     * looks for it on Slack before posting again. Other calls keep OkHttp's resend (it hides stale connections).
     */
    @Bean
    SlackWebApiStatus slackWebApiStatus(Clock clock) {
        return new SlackWebApiStatus(clock);
    }

    @Bean
    SlackWebApi slackWebApi(SlackWebApiStatus status) {
        return new SlackWebApi(status);
    }

    /** Component {@code slackWebApi}: over HTTP the only sign that what the bot sends does not reach Slack. */
    @Bean
    SlackWebApiHealthIndicator slackWebApiHealthIndicator(SlackWebApiStatus status, SlackInstallations installations,
                                                          SlackProperties properties, Clock clock) {
        return new SlackWebApiHealthIndicator(status, installations instanceof SingleTokenInstallation,
                properties.webApiDownAfter(), clock);
    }

    @Bean
    SlackChatGateway slackChatGateway(SlackProperties properties, SlackInstallations installations,
                                      RateLimiter rateLimiter, ApplicationEventPublisher events, SlackWebApi api) {
        SlackConfig config = config(properties);
        SlackHttpClient http = new SlackHttpClient(SlackHttpClient.buildOkHttpClient(config).newBuilder()
                .retryOnConnectionFailure(false).build());
        http.setConfig(config);
        return new SlackChatGateway(Slack.getInstance(config, http), installations,
                new SlackPacing(rateLimiter, properties.limits()), events, api);
    }

    private static SlackConfig config(SlackProperties properties) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(properties.apiBaseUrl());
        config.setPrettyResponseLoggingEnabled(false);
        // The SDK's call statistics (background threads, an auth.test per token, maps updated on every call) feed its
        // own async client's pacing; the bot paces with its shared RateLimiter and never reads them.
        config.setStatsEnabled(false);
        int timeout = (int) properties.httpTimeout().toMillis();
        config.setHttpClientReadTimeoutMillis(timeout);
        config.setHttpClientWriteTimeoutMillis(timeout);
        config.setHttpClientCallTimeoutMillis(timeout);
        return config;
    }

    @Bean
    SlackPeopleDirectory slackPeopleDirectory(Slack slack, SlackInstallations installations) {
        return new SlackPeopleDirectory(slack, installations);
    }

    @Bean
    SlackFileGateway slackFileGateway(Slack slack, SlackInstallations installations, RateLimiter rateLimiter,
                                      SlackProperties properties, SlackWebApi api) {
        return new SlackFileGateway(slack, installations, new SlackPacing(rateLimiter, properties.limits()), api);
    }

    /** One workspace: the one the bot token belongs to, asked of auth.test at start-up. */
    @Bean
    @Conditional(SlackOAuthCondition.Off.class)
    SingleTokenInstallation slackInstallation(Slack slack, SlackProperties properties, Clock clock,
                                              Departures departures) {
        SingleTokenInstallation installation = new SingleTokenInstallation(slack.methods(properties.botToken()),
                properties.botToken(), clock, departures);
        installation.installation();
        return installation;
    }

    /** Installs by OAuth: every workspace and org its own installation, stored encrypted in MongoDB. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(SlackOAuthCondition.class)
    static class OAuthInstalls {

        @Bean
        MongoInstallationService slackInstallationService(MongoTemplate mongo, CredentialCipher cipher, Clock clock,
                                                          Departures departures, SlackProperties properties) {
            if (properties.botToken() != null && !properties.botToken().isBlank()) {
                throw new IllegalStateException("Slack is configured twice: set SLACK_BOT_TOKEN (one workspace) or "
                        + "SLACK_CLIENT_ID and SLACK_CLIENT_SECRET (installs by OAuth), not both");
            }
            cipher.requireKey("Slack OAuth (installing into workspaces)");
            return new MongoInstallationService(mongo, cipher, clock, departures);
        }

        /** Deleting a workspace's data while the app is installed there keeps its installation (and token). */
        @Bean
        KeptWhileInstalled slackInstallationsKept() {
            return () -> Set.of(MongoInstallationService.COLLECTION);
        }

        @Bean
        MongoOAuthStateService slackOAuthStateService(MongoTemplate mongo, SlackProperties properties, Clock clock) {
            return new MongoOAuthStateService(mongo, properties.oauth().stateExpiry(), clock);
        }

        @Bean
        OAuthInstallations slackInstallations(MongoInstallationService store, Slack slack,
                                              SlackProperties properties, Clock clock) {
            SlackProperties.OAuth oauth = properties.oauth();
            TokenRotator rotator = new TokenRotator(slack.methods(), oauth.refreshBeforeExpiry().toMillis(),
                    oauth.clientId(), oauth.clientSecret());
            return new OAuthInstallations(store, rotator, oauth.refreshBeforeExpiry(), clock, oauth.installUrl());
        }

        @Bean
        OAuthPages slackOAuthPages(SlackProperties properties, Clock clock) {
            SlackProperties.OAuth oauth = properties.oauth();
            return new OAuthPages(oauth.scopes(), oauth.installPath(), oauth.cancellationUrl(), clock);
        }
    }

    @Bean
    App slackApp(Slack slack, SlackProperties properties, SlackInstallations installations,
                 List<SlackListener> listeners, ObjectProvider<MongoInstallationService> installationService,
                 ObjectProvider<MongoOAuthStateService> stateService, ObjectProvider<OAuthPages> pages) {
        SlackProperties.OAuth oauth = properties.oauth();
        AppConfig.AppConfigBuilder config = AppConfig.builder()
                .slack(slack)
                .signingSecret(properties.signingSecret())
                // HTTP requests are verified before Bolt sees them, over the raw bytes (SlackEventsController).
                .requestVerificationEnabled(false)
                // Bolt reads SLACK_CLIENT_ID and friends from the environment itself; only these settings count.
                .clientId(oauth.enabled() ? oauth.clientId() : null)
                .clientSecret(oauth.enabled() ? oauth.clientSecret() : null)
                .scope(oauth.enabled() ? String.join(",", oauth.scopes()) : null)
                .userScope(null)
                .redirectUri(oauth.enabled() ? oauth.redirectUri() : null);
        if (oauth.enabled()) {
            config.oauthInstallPath(oauth.installPath())
                    .oauthRedirectUriPath(oauth.redirectPath())
                    .oauthCompletionUrl(oauth.completionUrl())
                    .oauthCancellationUrl(oauth.cancellationUrl())
                    .stateValidationEnabled(true)
                    .oAuthInstallPageRenderingEnabled(true)
                    .oAuthInstallPageRenderer(pages.getObject())
                    .oAuthRedirectUriPageRenderer(pages.getObject())
                    .tokenRotationExpirationMillis(oauth.refreshBeforeExpiry().toMillis());
        } else {
            config.singleTeamBotToken(properties.botToken());
        }
        App app = new InstallationCheckingApp(config.build(), new InstallationAuthorization(installations));
        if (oauth.enabled()) {
            OAuthPages oauthPages = pages.getObject();
            app.asOAuthApp(true)
                    .service(stateService.getObject())
                    .service(installationService.getObject())
                    .oauthCallbackStateError(oauthPages.stateError())
                    .oauthCallbackError(oauthPages.error())
                    .oauthCallbackAccessError(oauthPages.accessError())
                    .oauthCallbackException(oauthPages.exception());
        }
        listeners.forEach(listener -> listener.register(app));
        log.info("Slack adapter ready ({}, {})", properties.socketMode() ? "Socket Mode" : "HTTP at /slack/events",
                oauth.enabled() ? "installs by OAuth at " + oauth.installPath() : "one workspace's bot token");
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
