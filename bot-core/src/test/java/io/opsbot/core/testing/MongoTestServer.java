package io.opsbot.core.testing;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One in-memory mongo-java-server per test JVM, reached through the real MongoDB driver over TCP. Each Spring context
 * gets its own database, so contexts never see each other's data.
 */
public final class MongoTestServer {

    private static MongoServer server;
    private static InetSocketAddress address;

    private MongoTestServer() {
    }

    public static synchronized String uri(String database) {
        if (server == null) {
            server = new MongoServer(new AnswersCopiedMemoryBackend());
            server.bind("127.0.0.1", 0);
            address = server.getLocalAddress();
            Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "mongo-test-server-stop"));
        }
        return "mongodb://" + address.getHostString() + ":" + address.getPort() + "/" + database;
    }

    /** The shared server's port (for a proxy placed in front of it). */
    public static synchronized int port() {
        uri("probe");
        return address.getPort();
    }

    /** Points {@code spring.mongodb.uri} at a fresh database on the shared test server. */
    public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            String database = "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            TestPropertyValues.of("spring.mongodb.uri=" + uri(database)).applyTo(context);
        }
    }

    /**
     * The memory backend updates a stored document in place and answers with the stored object itself, encoded after
     * the command returns: two concurrent increments of one counter could both be answered with the second value (one
     * vote test in 300 saw a search version handed out twice). The bot's embedded store guards against this
     * (bot-app's {@code DurableH2Backend}); the test server does the same: answers are copied under a lock that every
     * in-place update of the collection also holds.
     */
    private static final class AnswersCopiedMemoryBackend extends MemoryBackend {

        private static final Set<String> ANSWERS_STORED_DOCUMENTS = Set.of("update", "findandmodify", "find",
                "getmore");

        private final Map<String, Object> collectionLocks = new ConcurrentHashMap<>();

        @Override
        public Document handleCommand(Channel channel, String database, String command, Document query) {
            Object collection = query.get(command) instanceof String named ? named : query.get("collection");
            if (!ANSWERS_STORED_DOCUMENTS.contains(command.toLowerCase(Locale.ROOT))
                    || !(collection instanceof String)) {
                return super.handleCommand(channel, database, command, query);
            }
            synchronized (collectionLocks.computeIfAbsent(database + "." + collection, key -> new Object())) {
                Document answer = super.handleCommand(channel, database, command, query);
                if (answer.get("value") instanceof Document value) {
                    answer.put("value", value.cloneDeeply());
                }
                if (answer.get("cursor") instanceof Document cursor) {
                    for (String batch : List.of("firstBatch", "nextBatch")) {
                        if (cursor.get(batch) instanceof List<?> documents) {
                            cursor.put(batch, documents.stream()
                                    .map(d -> d instanceof Document document ? document.cloneDeeply() : d).toList());
                        }
                    }
                }
                return answer;
            }
        }
    }
}
