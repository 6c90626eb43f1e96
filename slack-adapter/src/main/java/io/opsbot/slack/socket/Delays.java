package io.opsbot.slack.socket;

import java.time.Duration;

/**
 * Runs a task after a delay: the reconnect attempts of {@link SocketModeSupervisor}. Production runs them on one
 * thread of its own; tests run them on a clock they move, so an hour-long outage takes milliseconds.
 */
public interface Delays {

    void after(Duration delay, Runnable task);

    void shutdown();
}
