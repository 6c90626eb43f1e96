package io.opsbot.core.cluster;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How instances of the bot notice each other ({@code opsbot.instances.*}).
 *
 * @param heartbeat how often an instance records that it is alive
 * @param goneAfter an instance not heard of for this long is gone: its leases are freed for the others
 */
@Validated
@ConfigurationProperties("opsbot.instances")
public record InstanceProperties(@NotNull @DefaultValue("5s") Duration heartbeat,
                                 @NotNull @DefaultValue("30s") Duration goneAfter) {
}
