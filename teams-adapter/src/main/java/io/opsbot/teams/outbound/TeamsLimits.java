package io.opsbot.teams.outbound;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How fast the bot sends on Teams ({@code opsbot.teams.limits}), below Teams' published bot limits: per conversation 7
 * a second and 60 in 30 seconds (a burst of 7, then 2 a second), and 30 requests a second per app per tenant. Raise
 * them only against a fake connector.
 */
@Validated
@ConfigurationProperties("opsbot.teams.limits")
public record TeamsLimits(@Positive @DefaultValue("2") double conversationPerSecond,
                          @Min(1) @DefaultValue("7") int conversationBurst,
                          @Positive @DefaultValue("30") double tenantPerSecond,
                          @Min(1) @DefaultValue("30") int tenantBurst) {

    /** Teams' published limits, as when nothing is configured. */
    public static final TeamsLimits DEFAULTS = new TeamsLimits(2, 7, 30, 30);
}
