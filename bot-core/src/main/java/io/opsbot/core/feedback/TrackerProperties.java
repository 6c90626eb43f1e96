package io.opsbot.core.feedback;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings under {@code opsbot.trackers.*}: how the bot reaches Jira Cloud and Trello and how they reach it back.
 *
 * @param publicUrl    the bot's address as Jira and Trello reach it ({@code OPSBOT_PUBLIC_URL}); webhook URLs point
 *                     there
 * @param jiraSites    which site addresses an admin may connect: Jira Cloud sites by default (the bot sends the API
 *                     token there, so not just any address)
 * @param trelloApiUrl Trello's REST API
 * @param timeout      how long one call to either may take
 * @param attempts     how many times a create or link is tried (waiting as a 429 asks, else backing off) before the
 *                     person who asked is told it failed
 * @param retryDelay   the first wait between attempts when the service names none (doubled each time)
 */
@Validated
@ConfigurationProperties("opsbot.trackers")
public record TrackerProperties(@DefaultValue("http://localhost:3978")
                                @Pattern(regexp = "https?://[^?#]+", message = "must be an http(s):// address")
                                String publicUrl,
                                @NotBlank @DefaultValue("https://[a-z0-9][a-z0-9-]*\\.atlassian\\.net")
                                String jiraSites,
                                @NotBlank @DefaultValue("https://api.trello.com") String trelloApiUrl,
                                @NotNull @DefaultValue("10s") Duration timeout,
                                @Min(1) @DefaultValue("6") int attempts,
                                @NotNull @DefaultValue("30s") Duration retryDelay) {

    public TrackerProperties {
        publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        trelloApiUrl = trelloApiUrl.endsWith("/") ? trelloApiUrl.substring(0, trelloApiUrl.length() - 1)
                : trelloApiUrl;
    }
}
