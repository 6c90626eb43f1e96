package io.opsbot.app;

import io.opsbot.app.embedded.EmbeddedMongoConfiguration;
import io.opsbot.app.embedded.ExternalMongoConfiguration;
import io.opsbot.core.config.CoreConfiguration;
import io.opsbot.dashboard.DashboardConfiguration;
import io.opsbot.slack.config.SlackAdapterConfiguration;
import io.opsbot.teams.TeamsAdapterConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The runnable bot: the conversation core, the Slack and Teams adapters (each active when configured), the web
 * dashboard, and the embedded MongoDB when no MongoDB URI is given. Modules are imported explicitly rather than found by scanning, so
 * this class is the one place that says what the application is made of.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({EmbeddedMongoConfiguration.class, ExternalMongoConfiguration.class, CoreConfiguration.class,
        SlackAdapterConfiguration.class, TeamsAdapterConfiguration.class, DashboardConfiguration.class})
public class OpsBotApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(OpsBotApplication.class);
        StartupSteps.recordIfAsked(application);
        application.run(args);
    }
}
