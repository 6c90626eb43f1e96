package io.opsbot.app.embedded;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.h2.mvstore.MVStore;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * mongo-java-server on an H2 data file, with the real driver connected: tests open one file with one backend (the
 * server's own, or the bot's) and then another, as a restart of an older or newer bot would.
 */
final class ServerOnFile implements AutoCloseable {

    final MVStore store;
    private final MongoServer server;
    private final MongoClient client;

    private ServerOnFile(MVStore store, Function<MVStore, MongoBackend> backend) {
        this.store = store;
        this.server = new MongoServer(backend.apply(store));
        server.bind(new InetSocketAddress("127.0.0.1", 0), 1, EmbeddedMongoConfiguration.WORKER_THREADS);
        this.client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
    }

    /** Opens {@code test.mv.db} in {@code folder}. */
    static ServerOnFile open(Path folder, Function<MVStore, MongoBackend> backend) {
        return new ServerOnFile(new MVStore.Builder().fileName(file(folder)).open(), backend);
    }

    static String file(Path folder) {
        return folder.resolve("test.mv.db").toString();
    }

    MongoCollection<Document> feedback() {
        return client.getDatabase("opsbot").getCollection("feedback");
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
        store.close();
    }
}
