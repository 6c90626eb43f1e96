package io.opsbot.core.schedule;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How nudges are found and fired ({@code opsbot.schedule.*}).
 *
 * @param pollInterval  how often every instance looks at the schedule's change marker and fires what is due: the
 *                      lateness of a nudge and how soon a change made on another instance is seen
 * @param lease         how long an instance may take to fire one nudge before another may fire it again; an instance
 *                      that dies hands its nudges on sooner, when the others notice it is gone
 * @param changeStreams watch the change marker with a change stream where the database has them (a replica set)
 * @param firingThreads how many due nudges one instance fires at once (each leased first, so each fires once): a
 *                      nudge spends most of its time waiting on the database, so a large fan-out (hundreds of standups
 *                      due in one minute) goes faster with a few at once
 */
@Validated
@ConfigurationProperties("opsbot.schedule")
public record ScheduleProperties(@NotNull @DefaultValue("1s") Duration pollInterval,
                                 @NotNull @DefaultValue("10m") Duration lease,
                                 @DefaultValue("true") boolean changeStreams,
                                 @DefaultValue("3") @Min(1) @Max(16) int firingThreads) {
}
