package io.opsbot.app.embedded;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.springframework.beans.factory.InitializingBean;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Marks the embedded database as owned by this process, so that another bot pointed at it through a URI (its port is
 * reachable from the same machine) recognises it and refuses to start ({@link EmbeddedDatabaseGuard}).
 */
final class EmbeddedDatabaseOwner implements InitializingBean {

    static final String COLLECTION = "deployment";
    static final String ID = "embedded-owner";

    private final MongoClient client;
    private final String database;
    private final Path file;

    EmbeddedDatabaseOwner(MongoClient client, String database, Path file) {
        this.client = client;
        this.database = database;
        this.file = file;
    }

    @Override
    public void afterPropertiesSet() {
        Document owner = new Document("_id", ID).append("process", ManagementFactory.getRuntimeMXBean().getName())
                .append("file", file.toString()).append("startedAt", java.util.Date.from(Instant.now()));
        client.getDatabase(database).getCollection(COLLECTION)
                .replaceOne(new Document("_id", ID), owner, new ReplaceOptions().upsert(true));
    }
}
