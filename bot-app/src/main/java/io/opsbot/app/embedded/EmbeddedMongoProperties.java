package io.opsbot.app.embedded;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
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

    public String getDatabase() {
        return database;
    }

    public void setDatabase(String database) {
        this.database = database;
    }
}
