package io.opsbot.core.delivery;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/** Retries of outbound messages ({@code opsbot.outbox.*}). */
@Validated
@ConfigurationProperties("opsbot.outbox")
public class OutboxProperties {

    /** How often each instance looks for deliveries that are due again (after a failure, or left by a crash). */
    @NotNull
    private Duration pollInterval = Duration.ofSeconds(30);

    /** How long one attempt may hold a delivery before another instance may try it. */
    @NotNull
    private Duration lease = Duration.ofMinutes(2);

    /** The wait after the first failure; doubled after each further one up to {@link #maxBackoff}. */
    @NotNull
    private Duration firstBackoff = Duration.ofSeconds(30);

    @NotNull
    private Duration maxBackoff = Duration.ofMinutes(30);

    @Min(1)
    private int maxAttempts = 8;

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public Duration getLease() {
        return lease;
    }

    public void setLease(Duration lease) {
        this.lease = lease;
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

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }
}
