package io.opsbot.app.embedded;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The embedded database used when no MongoDB URI is configured ({@code opsbot.embedded-mongo.*}).
 *
 * @param dataDir     folder for the data file; created if missing
 * @param port        local port the embedded server listens on (127.0.0.1 only); 0 picks a free one
 * @param database    name of the database
 * @param durability  how far a write gets before it is acknowledged; FSYNC (the default) survives a crash of the
 *                    machine
 * @param backupDir   folder for online backups ({@code POST /admin/backup}); empty means {@code <data-dir>/backups}
 * @param backupToken bearer token that {@code POST /admin/backup} requires; unset, the endpoint is off. Never logged
 */
@Validated
@ConfigurationProperties("opsbot.embedded-mongo")
public record EmbeddedMongoProperties(@NotBlank @DefaultValue("./data") String dataDir,
                                      @Min(0) @Max(65535) @DefaultValue("0") int port,
                                      @NotBlank @DefaultValue("opsbot") String database,
                                      @NotNull @DefaultValue("fsync") Durability durability,
                                      String backupDir, String backupToken) {

    /** Where backups go: the configured folder, or {@code backups} in the data folder. */
    public String effectiveBackupDir() {
        return backupDir == null || backupDir.isBlank() ? dataDir + "/backups" : backupDir;
    }

    @Override
    public String toString() {
        return "EmbeddedMongoProperties[dataDir=" + dataDir + ", port=" + port + ", database=" + database
                + ", durability=" + durability + ", backupDir=" + effectiveBackupDir() + ", backupToken="
                + (backupToken == null || backupToken.isBlank() ? "unset" : "set") + "]";
    }
}
