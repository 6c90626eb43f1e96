package io.opsbot.core.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
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

    @Valid
    private final Database database = new Database();

    public Database getDatabase() {
        return database;
    }

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

    /** Timeouts towards MongoDB (a URI that sets them wins). */
    public static class Database {

        /** How long a command waits for a reachable database before the person is told to try again. */
        private Duration serverSelectionTimeout = Duration.ofSeconds(2);

        private Duration connectTimeout = Duration.ofSeconds(2);

        /** How long one database operation may take on the wire. */
        private Duration readTimeout = Duration.ofSeconds(20);

        public Duration getServerSelectionTimeout() {
            return serverSelectionTimeout;
        }

        public void setServerSelectionTimeout(Duration serverSelectionTimeout) {
            this.serverSelectionTimeout = serverSelectionTimeout;
        }

        public Duration getConnectTimeout() {
            return connectTimeout;
        }

        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        public Duration getReadTimeout() {
            return readTimeout;
        }

        public void setReadTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
        }
    }
}
