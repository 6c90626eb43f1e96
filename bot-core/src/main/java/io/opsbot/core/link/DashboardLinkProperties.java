package io.opsbot.core.link;

import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where chat messages link to the dashboard, under {@code opsbot.links} ({@code OPSBOT_DASHBOARD_URL}): the
 * dashboard's address as people reach it, e.g. {@code https://opsbot.example.com/dashboard}. Empty: chat shows no
 * dashboard links. Anything else must be an absolute http(s) address without query or fragment, so a typo stops the
 * start instead of sending broken links to everyone.
 *
 * @param dashboardUrl the dashboard's base address; pages are found under it ({@code /feedback/FB-12})
 */
@Validated
@ConfigurationProperties("opsbot.links")
public record DashboardLinkProperties(
        @Pattern(regexp = "|https?://[^\\s/?#]+(/[^\\s?#]*)?",
                message = "must be an absolute http(s) address such as https://opsbot.example.com/dashboard")
        String dashboardUrl) {

    public DashboardLinkProperties {
        dashboardUrl = dashboardUrl == null ? "" : dashboardUrl.strip();
    }
}
