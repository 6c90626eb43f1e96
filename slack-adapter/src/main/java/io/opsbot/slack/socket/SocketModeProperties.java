package io.opsbot.slack.socket;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/** The Socket Mode connection ({@code opsbot.slack.socket-mode.*}), used when an app-level token is set. */
@Validated
@ConfigurationProperties("opsbot.slack.socket-mode")
public class SocketModeProperties {

    /**
     * Envelopes handled at once. Handling waits mostly on the database and Slack's API, not the CPU, so several per
     * core keep a burst of commands inside Slack's three seconds. 0: four per core, at least eight.
     */
    @Min(0)
    private int workers = 0;

    /** Envelopes waiting for a worker; beyond this the socket's reader handles them itself (and reads no more). */
    @Min(1)
    private int queue = 1000;

    /** The wait before the second attempt after a failure to connect; doubled after each further failure. */
    @NotNull
    private Duration firstBackoff = Duration.ofSeconds(1);

    /** The longest wait between attempts, however long Slack stays unreachable. */
    @NotNull
    private Duration maxBackoff = Duration.ofMinutes(1);

    /** Health reports Slack DOWN once the connection has been down this long, so an orchestrator can act. */
    @NotNull
    private Duration downAfter = Duration.ofMinutes(2);

    /** How long opening the WebSocket may take. */
    @NotNull
    private Duration connectTimeout = Duration.ofSeconds(10);

    /** A connection that answers no ping for this long is taken as lost and replaced. */
    @NotNull
    private Duration pingTimeout = Duration.ofSeconds(30);

    public int effectiveWorkers() {
        return workers > 0 ? workers : Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
    }

    public int getWorkers() {
        return workers;
    }

    public void setWorkers(int workers) {
        this.workers = workers;
    }

    public int getQueue() {
        return queue;
    }

    public void setQueue(int queue) {
        this.queue = queue;
    }

    public Duration getFirstBackoff() {
        return firstBackoff;
    }

    public void setFirstBackoff(Duration firstBackoff) {
        this.firstBackoff = firstBackoff;
    }

    public Duration getMaxBackoff() {
        return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = maxBackoff;
    }

    public Duration getDownAfter() {
        return downAfter;
    }

    public void setDownAfter(Duration downAfter) {
        this.downAfter = downAfter;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getPingTimeout() {
        return pingTimeout;
    }

    public void setPingTimeout(Duration pingTimeout) {
        this.pingTimeout = pingTimeout;
    }
}
