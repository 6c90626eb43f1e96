package io.opsbot.core.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.util.List;

/**
 * Settings of the core under {@code opsbot.*}. Per-tenant choices (triage channel, areas, admins) live in the
 * database; these are the defaults every tenant starts from.
 */
@Validated
@ConfigurationProperties("opsbot")
public class OpsBotProperties {

    /**
     * People allowed to change settings in every tenant, as {@code PLATFORM:tenant:user}
     * (e.g. {@code SLACK:T0001:U0001}). A tenant with no admin at all makes its first settings change's author admin.
     */
    private List<@Pattern(regexp = "(SLACK|TEAMS):[^:]+:.+") String> admins = List.of();

    @Valid
    private final Feedback feedback = new Feedback();

    public List<String> getAdmins() {
        return admins;
    }

    public void setAdmins(List<String> admins) {
        this.admins = admins;
    }

    public Feedback getFeedback() {
        return feedback;
    }

    public static class Feedback {

        /** Product areas a new tenant starts with; `#area` tags must name one of the tenant's areas. */
        @NotEmpty
        private List<@Pattern(regexp = "[a-z][a-z0-9-]{0,29}") String> defaultAreas = List.of(
                "onboarding", "billing", "reporting", "integrations", "mobile", "performance", "other");

        public List<String> getDefaultAreas() {
            return defaultAreas;
        }

        public void setDefaultAreas(List<String> defaultAreas) {
            this.defaultAreas = defaultAreas;
        }
    }
}
