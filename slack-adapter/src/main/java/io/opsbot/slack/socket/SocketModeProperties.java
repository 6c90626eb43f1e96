package io.opsbot.slack.socket;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The Socket Mode connection ({@code opsbot.slack.socket-mode.*}), used when an app-level token is set.
 *
 * @param workers        envelopes handled at once; handling waits mostly on the database and Slack's API, not the
 *                       CPU, so several per core keep a burst of commands inside Slack's three seconds. 0: four per
 *                       core, at least eight
 * @param queue          envelopes waiting for a worker; beyond this the socket's reader handles them itself (and reads
 *                       no more meanwhile)
 * @param firstBackoff   the wait before the second attempt after a failure to connect; doubled after each further
 *                       failure
 * @param maxBackoff     the longest wait between attempts, however long Slack stays unreachable
 * @param downAfter      health reports Slack DOWN once the connection has been down this long, so an orchestrator can
 *                       act
 * @param connectTimeout how long opening the WebSocket may take
 * @param pingTimeout    a connection that answers no ping for this long is taken as lost and replaced
 */
@Validated
@ConfigurationProperties("opsbot.slack.socket-mode")
public record SocketModeProperties(@Min(0) @DefaultValue("0") int workers,
                                   @Min(1) @DefaultValue("1000") int queue,
                                   @NotNull @DefaultValue("1s") Duration firstBackoff,
                                   @NotNull @DefaultValue("1m") Duration maxBackoff,
                                   @NotNull @DefaultValue("2m") Duration downAfter,
                                   @NotNull @DefaultValue("10s") Duration connectTimeout,
                                   @NotNull @DefaultValue("30s") Duration pingTimeout) {

    public int effectiveWorkers() {
        return workers > 0 ? workers : Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
    }
}
