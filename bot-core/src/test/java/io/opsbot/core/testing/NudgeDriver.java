package io.opsbot.core.testing;

import io.opsbot.core.schedule.Nudge;
import io.opsbot.core.schedule.NudgeDispatcher;
import io.opsbot.core.schedule.NudgeScheduler;

import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plays Quartz deterministically: with the scheduler stopped ({@code spring.quartz.auto-startup=false}), it takes the
 * triggers the code under test registered with Quartz, moves the clock to each one's time in order and fires it,
 * including triggers registered while firing.
 */
public class NudgeDriver {

    private final NudgeScheduler nudges;
    private final NudgeDispatcher dispatcher;
    private final MutableClock clock;
    private final ThreadPoolTaskExecutor outbound;

    public NudgeDriver(NudgeScheduler nudges, NudgeDispatcher dispatcher, MutableClock clock,
                       ThreadPoolTaskExecutor outbound) {
        this.nudges = nudges;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.outbound = outbound;
    }

    /**
     * Waits until the sends a nudge queued have run, as they would long before the next nudge in real time; without
     * this the clock could jump past a message's expiry before the message was even tried.
     */
    public void awaitOutboundIdle() {
        long deadline = System.currentTimeMillis() + 10_000;
        while (outbound.getActiveCount() > 0 || outbound.getThreadPoolExecutor().getQueue().size() > 0) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("outbound sends did not finish");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Lets time pass until {@code until}, firing every nudge that falls due on the way; returns them in order. */
    public List<Nudge> runUntil(Instant until) {
        List<Nudge> fired = new ArrayList<>();
        while (true) {
            Optional<Nudge> next = nudges.pending().stream().filter(n -> !n.at().isAfter(until)).findFirst();
            if (next.isEmpty()) {
                break;
            }
            Nudge nudge = next.get();
            if (nudge.at().isAfter(clock.instant())) {
                clock.set(nudge.at());
            }
            nudges.remove(nudge);
            dispatcher.fire(nudge);
            awaitOutboundIdle();
            fired.add(nudge);
        }
        if (until.isAfter(clock.instant())) {
            clock.set(until);
        }
        return fired;
    }

    /** Fires what is due now, without moving the clock. */
    public List<Nudge> fireDue() {
        return runUntil(clock.instant());
    }

    public List<Nudge> pending() {
        return nudges.pending();
    }
}
