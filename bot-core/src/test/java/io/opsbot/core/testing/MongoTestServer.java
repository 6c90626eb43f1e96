package io.opsbot.core.testing;

import de.bwaldvogel.mongo.MongoServer;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.InetSocketAddress;
import java.util.UUID;

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
}
