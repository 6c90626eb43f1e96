package io.opsbot.core.delivery;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Retries of outbound messages ({@code opsbot.outbox.*}).
 *
 * @param pollInterval how often each instance looks for deliveries that are due again (after a failure, or left by a
 *                     crash)
 * @param lease        how long one attempt may hold a delivery before another instance may try it
 * @param firstBackoff the wait after the first failure; doubled after each further one up to {@code maxBackoff}
 * @param maxBackoff   the longest wait between two attempts
 * @param maxAttempts  attempts before a delivery is given up
 */
@Validated
@ConfigurationProperties("opsbot.outbox")
public record OutboxProperties(@NotNull @DefaultValue("30s") Duration pollInterval,
                               @NotNull @DefaultValue("2m") Duration lease,
                               @NotNull @DefaultValue("30s") Duration firstBackoff,
                               @NotNull @DefaultValue("30m") Duration maxBackoff,
                               @Min(1) @DefaultValue("8") int maxAttempts) {
}
