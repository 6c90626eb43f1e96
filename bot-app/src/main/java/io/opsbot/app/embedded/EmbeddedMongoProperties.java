package io.opsbot.app.embedded;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The embedded database used when no MongoDB URI is configured ({@code opsbot.embedded-mongo.*}).
 *
 * @param dataDir  folder for the data file; created if missing
 * @param port     local port the embedded server listens on (127.0.0.1 only); 0 picks a free one
 * @param database name of the database
 */
@Validated
@ConfigurationProperties("opsbot.embedded-mongo")
public record EmbeddedMongoProperties(@NotBlank @DefaultValue("./data") String dataDir,
                                      @Min(0) @Max(65535) @DefaultValue("0") int port,
                                      @NotBlank @DefaultValue("opsbot") String database) {
}
