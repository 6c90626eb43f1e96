package io.opsbot.app.embedded;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The embedded database used when no MongoDB URI is configured ({@code opsbot.embedded-mongo.*}). */
@Validated
@ConfigurationProperties("opsbot.embedded-mongo")
public class EmbeddedMongoProperties {

    /** Folder for the data file; created if missing. */
    @NotBlank
    private String dataDir = "./data";

    /** Local port the embedded server listens on (127.0.0.1 only); 0 picks a free one. */
    @Min(0)
    @Max(65535)
    private int port = 0;

    @NotBlank
    private String database = "opsbot";

    /** How far a write gets before it is acknowledged; FSYNC (the default) survives a crash of the machine. */
    @NotNull
    private Durability durability = Durability.FSYNC;

    /** Folder for online backups ({@code POST /admin/backup}); empty means {@code <data-dir>/backups}. */
    private String backupDir = "";

    /** Bearer token that {@code POST /admin/backup} requires; unset, the endpoint is off. Never logged. */
    private String backupToken;

    public String getDataDir() {
        return dataDir;
    }

    public void setDataDir(String dataDir) {
        this.dataDir = dataDir;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public Durability getDurability() {
        return durability;
    }

    public void setDurability(Durability durability) {
        this.durability = durability;
    }

    public String getBackupDir() {
        return backupDir == null || backupDir.isBlank() ? dataDir + "/backups" : backupDir;
    }

    public void setBackupDir(String backupDir) {
        this.backupDir = backupDir;
    }

    public String getBackupToken() {
        return backupToken;
    }

    public void setBackupToken(String backupToken) {
        this.backupToken = backupToken;
    }

    public String getDatabase() {
        return database;
    }

    public void setDatabase(String database) {
        this.database = database;
    }
}
