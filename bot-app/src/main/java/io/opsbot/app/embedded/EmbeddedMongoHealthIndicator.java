package io.opsbot.app.embedded;

import com.mongodb.client.MongoClient;
import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Boot's MongoDB health check sends {@code hello}, which mongo-java-server does not implement; {@code ping} is what it
 * does answer, and proves the same thing: the database is reachable over TCP.
 */
class EmbeddedMongoHealthIndicator extends AbstractHealthIndicator {

    private final MongoClient client;
    private final String database;

    EmbeddedMongoHealthIndicator(MongoClient client, String database) {
        this.client = client;
        this.database = database;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Document result = client.getDatabase(database).runCommand(new Document("ping", 1));
        builder.up().withDetail("server", "embedded mongo-java-server").withDetail("ping", result.get("ok"));
    }
}
