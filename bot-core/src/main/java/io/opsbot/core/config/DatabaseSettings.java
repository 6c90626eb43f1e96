package io.opsbot.core.config;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.core.Ordered;

import java.util.concurrent.TimeUnit;

/**
 * How the bot talks to MongoDB, unless the URI says otherwise:
 * <ul>
 *   <li>write concern {@code majority} with journaling: a write is acknowledged (and the bot confirms or sends what
 *       depends on it) only once a majority of the replica set has it in its journal, so a failover or a crash does
 *       not take back what a person was told was saved;</li>
 *   <li>short server-selection and connect timeouts: when the database is unreachable a command fails within about
 *       two seconds and the person is told to try again, inside Slack's three-second window, instead of waiting the
 *       driver's default 30 seconds.</li>
 * </ul>
 */
class DatabaseSettings implements MongoClientSettingsBuilderCustomizer, Ordered {

    private final MongoConnectionDetails connection;
    private final OpsBotProperties.Database properties;

    DatabaseSettings(MongoConnectionDetails connection, OpsBotProperties.Database properties) {
        this.connection = connection;
        this.properties = properties;
    }

    @Override
    public void customize(MongoClientSettings.Builder settings) {
        ConnectionString uri = connection.getConnectionString();
        if (uri.getWriteConcern() == null) {
            settings.writeConcern(WriteConcern.MAJORITY.withJournal(true));
        }
        if (uri.getServerSelectionTimeout() == null) {
            settings.applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(
                    properties.serverSelectionTimeout().toMillis(), TimeUnit.MILLISECONDS));
        }
        settings.applyToSocketSettings(socket -> {
            if (uri.getConnectTimeout() == null) {
                socket.connectTimeout((int) properties.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
            if (uri.getSocketTimeout() == null) {
                socket.readTimeout((int) properties.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
        });
    }

    /** After Boot's own customizer, which applies the URI. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
