package io.opsbot.core.retention;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/** {@code opsbot.retention}: how long a tenant's data is kept after the app was removed from it. */
@Validated
@ConfigurationProperties("opsbot.retention")
public class RetentionProperties {

    /** Kept this long after an uninstall or a revoked token ({@code OPSBOT_DATA_RETENTION}, e.g. 30d). */
    @NotNull
    private Duration afterRemoval = Duration.ofDays(30);

    public Duration getAfterRemoval() {
        return afterRemoval;
    }

    public void setAfterRemoval(Duration afterRemoval) {
        this.afterRemoval = afterRemoval;
    }
}
