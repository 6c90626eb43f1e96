package io.opsbot.app.embedded;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * With no MongoDB URI configured, runs mongo-java-server in-process with its H2 MVStore backend (data in
 * {@code <data-dir>/opsbot.mv.db}, kept across restarts) and points Spring Data at it over TCP, through the same
 * driver a real MongoDB would be reached with. Stopped after the client, as the client depends on it.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoMongoUriCondition.class)
@EnableConfigurationProperties(EmbeddedMongoProperties.class)
public class EmbeddedMongoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoConfiguration.class);

    @Bean(destroyMethod = "shutdownNow")
    MongoServer embeddedMongoServer(EmbeddedMongoProperties properties) {
        Path dir = Path.of(properties.dataDir()).toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data folder " + dir, e);
        }
        Path file = dir.resolve("opsbot.mv.db");
        MongoServer server = new MongoServer(new H2Backend(file.toString()));
        server.bind("127.0.0.1", properties.port());
        InetSocketAddress address = server.getLocalAddress();
        log.info("Embedded MongoDB (mongo-java-server, H2 file {}) listening on 127.0.0.1:{}", file,
                address.getPort());
        return server;
    }

    @Bean
    MongoConnectionDetails embeddedMongoConnectionDetails(MongoServer embeddedMongoServer,
                                                          EmbeddedMongoProperties properties) {
        InetSocketAddress address = embeddedMongoServer.getLocalAddress();
        ConnectionString connection = new ConnectionString(
                "mongodb://127.0.0.1:" + address.getPort() + "/" + properties.database());
        return () -> connection;
    }

    /** Named as Boot's own, which then steps aside. */
    @Bean(name = "mongoHealthIndicator")
    EmbeddedMongoHealthIndicator mongoHealthIndicator(MongoClient client, EmbeddedMongoProperties properties) {
        return new EmbeddedMongoHealthIndicator(client, properties.database());
    }
}
