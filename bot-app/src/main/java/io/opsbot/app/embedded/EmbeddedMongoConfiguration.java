package io.opsbot.app.embedded;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import de.bwaldvogel.mongo.MongoServer;
import io.opsbot.core.cluster.ExclusiveDatabase;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
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
 * driver a real MongoDB would be reached with. Every write is on disk before the driver gets its acknowledgement
 * ({@link DurableH2Backend}). Stopped after the client, as the client depends on it.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoMongoUriCondition.class)
@EnableConfigurationProperties(EmbeddedMongoProperties.class)
public class EmbeddedMongoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoConfiguration.class);

    static final String FILE_NAME = "opsbot.mv.db";
    /**
     * Network threads of the embedded server. Each connection is served by one of them, and a write command holds
     * its thread until the group commit has flushed it: with Netty's default (two per core) the few connections
     * sharing a thread with a waiting write waited too, reads included. With one thread per pooled connection in
     * use, a command waits only for its own flush.
     */
    static final int WORKER_THREADS = 32;

    @Bean(destroyMethod = "close")
    MVStore embeddedMongoStore(EmbeddedMongoProperties properties) {
        Path file = dataFile(properties);
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data folder " + file.getParent(), e);
        }
        try {
            return DurableCommits.storeOptions(new MVStore.Builder().fileName(file.toString()), properties.durability())
                    .open();
        } catch (MVStoreException e) {
            if (e.getMessage() != null && e.getMessage().contains("locked")) {
                throw new IllegalStateException(SingleInstance.fileInUse(file), e);
            }
            throw e;
        }
    }

    @Bean(destroyMethod = "shutdownNow")
    MongoServer embeddedMongoServer(MVStore embeddedMongoStore, EmbeddedMongoProperties properties) {
        DurableH2Backend backend = new DurableH2Backend(embeddedMongoStore, properties.durability());
        MongoServer server = new MongoServer(backend);
        try {
            server.bind(new InetSocketAddress("127.0.0.1", properties.port()), 1, WORKER_THREADS);
        } catch (RuntimeException e) {
            // Its network threads would otherwise keep a failed start-up from ever exiting.
            server.shutdownNow();
            throw new IllegalStateException("The embedded database cannot listen on 127.0.0.1:" + properties.port()
                    + ": " + e.getMessage(), e);
        }
        InetSocketAddress address = server.getLocalAddress();
        log.info("Embedded MongoDB (mongo-java-server, H2 file {}, durability {}) listening on 127.0.0.1:{}",
                dataFile(properties), properties.durability(), address.getPort());
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

    /** In the liveness and readiness groups (application.yml): a closed store needs a restart. */
    @Bean(name = "embeddedStoreHealthIndicator")
    EmbeddedStoreHealthIndicator embeddedStoreHealthIndicator(MVStore embeddedMongoStore) {
        return new EmbeddedStoreHealthIndicator(embeddedMongoStore);
    }

    /** Nobody else can use this database: leases left by an earlier run of this bot are freed at start-up. */
    @Bean
    ExclusiveDatabase embeddedDatabaseIsExclusive() {
        return new ExclusiveDatabase() {
        };
    }

    @Bean
    EmbeddedDatabaseOwner embeddedDatabaseOwner(MongoClient client, EmbeddedMongoProperties properties) {
        return new EmbeddedDatabaseOwner(client, properties.database(), dataFile(properties));
    }

    @Bean
    EmbeddedBackups embeddedBackups(MVStore embeddedMongoStore, EmbeddedMongoProperties properties) {
        return new EmbeddedBackups(embeddedMongoStore,
                Path.of(properties.effectiveBackupDir()).toAbsolutePath().normalize());
    }

    @Bean
    BackupController backupController(EmbeddedBackups embeddedBackups, EmbeddedMongoProperties properties) {
        return new BackupController(embeddedBackups, properties.backupToken());
    }

    static Path dataFile(EmbeddedMongoProperties properties) {
        return Path.of(properties.dataDir()).toAbsolutePath().normalize().resolve(FILE_NAME);
    }
}
