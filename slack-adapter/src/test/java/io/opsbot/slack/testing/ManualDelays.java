package io.opsbot.slack.testing;

import io.opsbot.core.testing.MutableClock;
import io.opsbot.slack.socket.Delays;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Socket Mode's reconnect delays on a clock the test moves: {@link #advance} moves the clock step by step and runs
 * every attempt that falls due, on the test's thread, so minutes of backoff pass in milliseconds while the waits
 * themselves are the production ones.
 */
public class ManualDelays implements Delays {

    private record Task(Instant due, long order, Runnable run) {
    }

    private final MutableClock clock;
    private final List<Task> tasks = new ArrayList<>();
    private long order;
    private volatile boolean shutdown;

    public ManualDelays(MutableClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void after(Duration delay, Runnable task) {
        if (!shutdown) {
            tasks.add(new Task(clock.instant().plus(delay), order++, task));
        }
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    /** Runs what is due now, including what those runs schedule for now. */
    public void runDue() {
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream().filter(t -> !t.due().isAfter(clock.instant()))
                        .min(Comparator.comparing(Task::due).thenComparing(Task::order)).orElse(null);
                if (next == null) {
                    return;
                }
                tasks.remove(next);
            }
            next.run().run();
        }
    }

    /** Lets {@code total} pass in steps of {@code step}, running what falls due on the way. */
    public void advance(Duration total, Duration step) {
        Instant end = clock.instant().plus(total);
        runDue();
        while (clock.instant().isBefore(end)) {
            Instant next = clock.instant().plus(step);
            clock.set(next.isAfter(end) ? end : next);
            runDue();
        }
    }

    public synchronized int pending() {
        return tasks.size();
    }
}
