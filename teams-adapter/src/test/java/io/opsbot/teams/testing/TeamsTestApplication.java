package io.opsbot.teams.testing;

import io.opsbot.core.config.CoreConfiguration;
import io.opsbot.core.schedule.NudgeDispatcher;
import io.opsbot.core.schedule.NudgeScheduler;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.core.testing.NudgeDriver;
import io.opsbot.teams.TeamsAdapterConfiguration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import java.time.Instant;

/** The core and the Teams adapter, with a clock tests can move. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({CoreConfiguration.class, TeamsAdapterConfiguration.class})
public class TeamsTestApplication {

    public static final Instant START = Instant.parse("2026-11-25T09:00:00Z");

    @Bean
    @Primary
    MutableClock mutableClock() {
        return new MutableClock(START);
    }

    /** Fires Quartz nudges in order against the movable clock (the tests keep Quartz itself stopped). */
    @Bean
    NudgeDriver nudgeDriver(NudgeScheduler nudges, NudgeDispatcher dispatcher, MutableClock clock,
                            @Qualifier(CoreConfiguration.OUTBOUND_EXECUTOR) ThreadPoolTaskExecutor outbound) {
        return new NudgeDriver(nudges, dispatcher, clock, outbound);
    }
}
