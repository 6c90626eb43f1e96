package io.opsbot.core.cluster;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/** How instances of the bot notice each other ({@code opsbot.instances.*}). */
@Validated
@ConfigurationProperties("opsbot.instances")
public class InstanceProperties {

    /** How often an instance records that it is alive. */
    @NotNull
    private Duration heartbeat = Duration.ofSeconds(5);

    /** An instance not heard of for this long is gone: its leases are freed for the others. */
    @NotNull
    private Duration goneAfter = Duration.ofSeconds(30);

    public Duration getHeartbeat() {
        return heartbeat;
    }

    public void setHeartbeat(Duration heartbeat) {
        this.heartbeat = heartbeat;
    }

    public Duration getGoneAfter() {
        return goneAfter;
    }

    public void setGoneAfter(Duration goneAfter) {
        this.goneAfter = goneAfter;
    }
}
