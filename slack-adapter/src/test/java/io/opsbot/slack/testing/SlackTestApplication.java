package io.opsbot.slack.testing;

import io.opsbot.core.config.CoreConfiguration;
import io.opsbot.core.schedule.NudgeDispatcher;
import io.opsbot.core.schedule.NudgeScheduler;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.core.testing.NudgeDriver;
import io.opsbot.slack.config.SlackAdapterConfiguration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import java.time.Instant;

/** The core with the Slack adapter only, as bot-app wires it, with a clock tests can move. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({CoreConfiguration.class, SlackAdapterConfiguration.class})
public class SlackTestApplication {

    /** Fires Quartz nudges in order against the movable clock (the tests keep Quartz itself stopped). */
    @Bean
    NudgeDriver nudgeDriver(NudgeScheduler nudges, NudgeDispatcher dispatcher, MutableClock clock,
                            @Qualifier(CoreConfiguration.OUTBOUND_EXECUTOR) ThreadPoolTaskExecutor outbound) {
        return new NudgeDriver(nudges, dispatcher, clock, outbound);
    }

    @Bean
    @Primary
    MutableClock mutableClock() {
        return new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }
}
