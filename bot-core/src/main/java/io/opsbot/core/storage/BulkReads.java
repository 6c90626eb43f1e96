package io.opsbot.core.storage;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A connection for the few reads that must go through a whole collection (building a search index from every item),
 * with a read timeout long enough for them: the embedded database answers such a query only once it has scanned and
 * decoded every document (tens of seconds for 100,000 items), past the short timeout every other command keeps so a
 * person hears about a database outage within Slack's three seconds. Opened on first use, never on a request path.
 */
@Component
public class BulkReads implements DisposableBean {

    static final Duration READ_TIMEOUT = Duration.ofMinutes(10);

    private final MongoConnectionDetails connection;
    private final MongoTemplate main;
    private MongoClient client;
    private MongoTemplate template;

    public BulkReads(MongoConnectionDetails connection, MongoTemplate main) {
        this.connection = connection;
        this.main = main;
    }

    /** A template on the same database, sharing the main one's mapping, with the long read timeout. */
    public synchronized MongoTemplate template() {
        if (template == null) {
            ConnectionString uri = connection.getConnectionString();
            client = MongoClients.create(MongoClientSettings.builder().applyConnectionString(uri)
                    .applyToSocketSettings(socket -> socket.readTimeout((int) READ_TIMEOUT.toMillis(),
                            TimeUnit.MILLISECONDS))
                    .applyToConnectionPoolSettings(pool -> pool.maxSize(2))
                    .build());
            template = new MongoTemplate(new SimpleMongoClientDatabaseFactory(client, main.getDb().getName()),
                    main.getConverter());
        }
        return template;
    }

    @Override
    public synchronized void destroy() {
        if (client != null) {
            client.close();
        }
    }
}
