package io.opsbot.teams.files;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings under {@code opsbot.teams.files.*}: how files reach Teams people, as download links the bot serves.
 *
 * @param publicUrl    the bot's address as people's browsers reach it ({@code OPSBOT_PUBLIC_URL}); links point there
 * @param linkLifetime how long a download link works (and the file is kept)
 * @param signingKey   the HMAC key links are signed with ({@code OPSBOT_FILES_SIGNING_KEY}); empty: a random key the
 *                     first instance stores in MongoDB, shared by every instance. Never logged.
 */
@Validated
@ConfigurationProperties("opsbot.teams.files")
public record TeamsFileProperties(@DefaultValue("http://localhost:3978")
                                  @Pattern(regexp = "https?://[^?#]+", message = "must be an http(s):// address")
                                  String publicUrl,
                                  @NotNull @DefaultValue("1h") Duration linkLifetime,
                                  String signingKey) {

    public TeamsFileProperties {
        publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        signingKey = signingKey == null ? "" : signingKey;
    }

    @Override
    public String toString() {
        return "TeamsFileProperties[publicUrl=" + publicUrl + ", linkLifetime=" + linkLifetime + ", signingKey="
                + (signingKey.isEmpty() ? "(stored)" : "(set)") + "]";
    }
}
