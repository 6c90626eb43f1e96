package io.opsbot.slack.socket;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** {@link Delays} on a single daemon thread. */
final class ThreadDelays implements Delays {

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "slack-socket-mode");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public void after(Duration delay, Runnable task) {
        if (!executor.isShutdown()) {
            executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void shutdown() {
        executor.shutdownNow();
    }
}
