package io.opsbot.core.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;

/**
 * Settings of the core under {@code opsbot.*}. Per-tenant choices (triage channel, areas, roles) live in the
 * database; these are the defaults every tenant starts from.
 *
 * @param admins   people who are admins in every tenant, as {@code PLATFORM:tenant:user} (e.g.
 *                 {@code SLACK:T0001:U0001}); a tenant with no admin at all makes the first person who does something
 *                 that needs a role its admin
 * @param feedback feedback defaults
 * @param database timeouts towards MongoDB (a URI that sets them wins)
 */
@Validated
@ConfigurationProperties("opsbot")
public record OpsBotProperties(List<@Pattern(regexp = "(SLACK|TEAMS):[^:]+:.+") String> admins,
                               @Valid @DefaultValue Feedback feedback, @Valid @DefaultValue Database database) {

    public OpsBotProperties {
        admins = admins == null ? List.of() : List.copyOf(admins);
    }

    /**
     * @param serverSelectionTimeout how long a command waits for a reachable database before the person is told to
     *                               try again
     * @param connectTimeout         how long opening a connection may take
     * @param readTimeout            how long one database operation may take on the wire
     */
    public record Database(@NotNull @DefaultValue("2s") Duration serverSelectionTimeout,
                           @NotNull @DefaultValue("2s") Duration connectTimeout,
                           @NotNull @DefaultValue("20s") Duration readTimeout) {
    }

    /**
     * @param defaultAreas  product areas a new tenant starts with; {@code #area} tags must name one of them
     * @param voteReactions reactions that count as a vote on a triage card: Slack emoji names ({@code +1}, alias
     *                      {@code thumbsup}; skin tones count as the emoji) and Teams reaction types ({@code like})
     */
    public record Feedback(@NotEmpty @DefaultValue({"onboarding", "billing", "reporting", "integrations", "mobile",
            "performance", "other"}) List<@Pattern(regexp = "[a-z][a-z0-9-]{0,29}") String> defaultAreas,
                           @NotEmpty @DefaultValue({"+1", "thumbsup", "like"}) List<String> voteReactions) {
    }
}
