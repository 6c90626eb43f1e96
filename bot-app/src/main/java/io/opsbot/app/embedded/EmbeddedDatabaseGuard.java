package io.opsbot.app.embedded;

import com.mongodb.client.MongoClient;
import org.bson.Document;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;

/**
 * With a MongoDB URI configured: refuses to start when that database is another bot's embedded one (reachable on the
 * same machine through its loopback port). Two instances would each believe it is the only one, and the embedded
 * database goes away with its owner.
 */
final class EmbeddedDatabaseGuard implements InitializingBean {

    private final MongoClient client;
    private final MongoConnectionDetails connection;

    EmbeddedDatabaseGuard(MongoClient client, MongoConnectionDetails connection) {
        this.client = client;
        this.connection = connection;
    }

    @Override
    public void afterPropertiesSet() {
        String database = connection.getConnectionString().getDatabase();
        Document owner = client.getDatabase(database == null ? "test" : database)
                .getCollection(EmbeddedDatabaseOwner.COLLECTION)
                .find(new Document("_id", EmbeddedDatabaseOwner.ID)).first();
        if (owner != null) {
            throw new IllegalStateException(SingleInstance.uriIsEmbedded(
                    String.join(",", connection.getConnectionString().getHosts()),
                    "process " + owner.getString("process") + ", file " + owner.getString("file")));
        }
    }
}
