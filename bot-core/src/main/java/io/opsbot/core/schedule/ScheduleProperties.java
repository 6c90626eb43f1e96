package io.opsbot.core.schedule;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/** How nudges are found and fired ({@code opsbot.schedule.*}). */
@Validated
@ConfigurationProperties("opsbot.schedule")
public class ScheduleProperties {

    /**
     * How often every instance looks at the schedule's change marker and fires what is due: the lateness of a nudge
     * and how soon a change made on another instance is seen.
     */
    @NotNull
    private Duration pollInterval = Duration.ofSeconds(1);

    /**
     * How long an instance may take to fire one nudge before another may fire it again. An instance that dies hands
     * its nudges on sooner, when the others notice it is gone.
     */
    @NotNull
    private Duration lease = Duration.ofMinutes(10);

    /** Watch the change marker with a change stream where the database has them (a replica set). */
    private boolean changeStreams = true;

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

    public boolean isChangeStreams() {
        return changeStreams;
    }

    public void setChangeStreams(boolean changeStreams) {
        this.changeStreams = changeStreams;
    }
}
