package io.opsbot.core.testing;

import io.opsbot.core.config.CoreConfiguration;
import io.opsbot.core.tenant.Platform;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import java.time.Instant;

/** The core alone, with recording gateways in place of the adapters and a clock tests move. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(CoreConfiguration.class)
public class CoreTestApplication {

    public static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    @Bean
    @Primary
    MutableClock mutableClock() {
        return new MutableClock(START);
    }

    @Bean
    NudgeDriver nudgeDriver(io.opsbot.core.schedule.NudgeScheduler nudges,
                            MutableClock clock,
                            @org.springframework.beans.factory.annotation.Qualifier(
                                    io.opsbot.core.config.CoreConfiguration.OUTBOUND_EXECUTOR)
                            org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor outbound) {
        return new NudgeDriver(nudges, clock, outbound);
    }

    @Bean
    DatabaseCommands databaseCommands() {
        return new DatabaseCommands();
    }

    @Bean
    MongoClientSettingsBuilderCustomizer countDatabaseCommands(DatabaseCommands commands) {
        return settings -> settings.addCommandListener(commands);
    }

    @Bean
    RecordingChatGateway slackGateway() {
        return new RecordingChatGateway(Platform.SLACK);
    }

    @Bean
    RecordingChatGateway teamsGateway() {
        return new RecordingChatGateway(Platform.TEAMS);
    }

    @Bean
    RecordingFileGateway slackFiles() {
        return new RecordingFileGateway(Platform.SLACK);
    }

    @Bean
    RecordingFileGateway teamsFiles() {
        return new RecordingFileGateway(Platform.TEAMS);
    }
}
