package io.opsbot.app.crossplatform;

import io.opsbot.core.config.CoreConfiguration;
import io.opsbot.core.schedule.NudgeScheduler;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.core.testing.NudgeDriver;
import io.opsbot.dashboard.DashboardConfiguration;
import io.opsbot.slack.config.SlackAdapterConfiguration;
import io.opsbot.teams.TeamsAdapterConfiguration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import java.time.Instant;

/**
 * The core with both adapters and the dashboard, as bot-app wires them (the dashboard's security covers only its own
 * paths; without it Spring Security's default would lock every endpoint), with a clock tests can move.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({CoreConfiguration.class, SlackAdapterConfiguration.class, TeamsAdapterConfiguration.class,
        DashboardConfiguration.class})
public class BothPlatformsTestApplication {

    /** Monday 30 November 2026, before 09:00 in Berlin. */
    static final Instant MONDAY_EARLY = Instant.parse("2026-11-30T06:00:00Z");

    @Bean
    @Primary
    MutableClock mutableClock() {
        return new MutableClock(MONDAY_EARLY);
    }

    @Bean
    NudgeDriver nudgeDriver(NudgeScheduler nudges, MutableClock clock,
                            @Qualifier(CoreConfiguration.OUTBOUND_EXECUTOR) ThreadPoolTaskExecutor outbound) {
        return new NudgeDriver(nudges, clock, outbound);
    }
}
