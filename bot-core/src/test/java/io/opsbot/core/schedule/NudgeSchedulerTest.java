package io.opsbot.core.schedule;

import io.opsbot.core.testing.CoreTest;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.core.testing.NudgeDriver;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** NudgeScheduler are real Quartz triggers; the driver fires them in time order against the movable clock. */
@CoreTest
class NudgeSchedulerTest {

    static final List<String> FIRED = new CopyOnWriteArrayList<>();

    @TestConfiguration
    static class Ticker {
        @Bean
        NudgeHandler ticker(NudgeScheduler nudges) {
            return new NudgeHandler() {
                public Set<String> kinds() {
                    return Set.of("tick");
                }

                public void fire(Nudge nudge) {
                    FIRED.add(nudge.subject() + "@" + nudge.at());
                    if (nudge.subject().equals("repeat")) {
                        nudges.schedule(new Nudge("tick", "repeat", "", nudge.at().plus(Duration.ofHours(1))));
                    }
                }

                public void rebuild() {
                }
            };
        }
    }

    @Autowired
    NudgeScheduler nudges;
    @Autowired
    NudgeDriver driver;
    @Autowired
    MutableClock clock;

    @Test
    void nudgesFireInTimeOrderIncludingOnesScheduledWhileFiring() {
        FIRED.clear();
        Instant now = clock.instant();
        nudges.schedule(new Nudge("tick", "late", "", now.plus(Duration.ofMinutes(90))));
        nudges.schedule(new Nudge("tick", "repeat", "", now.plus(Duration.ofMinutes(10))));
        nudges.schedule(new Nudge("tick", "gone", "", now.plus(Duration.ofMinutes(20))));
        nudges.cancel("tick", "gone");

        driver.runUntil(now.plus(Duration.ofHours(2)));

        assertThat(FIRED).containsExactly(
                "repeat@" + now.plus(Duration.ofMinutes(10)),
                "repeat@" + now.plus(Duration.ofMinutes(70)),
                "late@" + now.plus(Duration.ofMinutes(90)));
        assertThat(clock.instant()).isEqualTo(now.plus(Duration.ofHours(2)));
        assertThat(nudges.pending()).extracting(Nudge::subject).containsExactly("repeat");
        nudges.cancel("tick", "repeat");
    }

    @Test
    void reschedulingTheSameNudgeKeepsOneTrigger() {
        Instant at = clock.instant().plus(Duration.ofDays(3));
        nudges.schedule(new Nudge("tick", "once", "g", at));
        nudges.schedule(new Nudge("tick", "once", "g", at));

        assertThat(nudges.pending()).filteredOn(n -> n.subject().equals("once")).hasSize(1);
        nudges.cancel("tick", "once");
        assertThat(nudges.pending()).noneMatch(n -> n.subject().equals("once"));
    }
}
