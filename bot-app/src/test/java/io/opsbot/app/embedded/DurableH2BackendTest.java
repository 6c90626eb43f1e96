package io.opsbot.app.embedded;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A write is answered once it is on disk, unless it asked not to wait for the journal ({@code j: false}); such a
 * write reaches the disk with the next durable one.
 */
class DurableH2BackendTest {

    @TempDir
    Path data;

    private MVStore store;
    private MongoServer server;
    private MongoClient client;

    private MongoCollection<Document> open() {
        // No commits of unsaved changes while a test runs: what is on disk is only what durable writes committed.
        return open(Duration.ofHours(1));
    }

    private MongoCollection<Document> open(Duration unsavedAtMost) {
        store = DurableCommits.storeOptions(new MVStore.Builder().fileName(data.resolve("test.mv.db").toString()),
                Durability.FSYNC).open();
        server = new MongoServer(new DurableH2Backend(store, Durability.FSYNC, unsavedAtMost));
        server.bind(new InetSocketAddress("127.0.0.1", 0), 1, EmbeddedMongoConfiguration.WORKER_THREADS);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        return client.getDatabase("opsbot").getCollection("things");
    }

    @AfterEach
    void close() {
        client.close();
        server.shutdownNow();
        store.close();
    }

    @Test
    void aWriteDeclaringTheJournalIsAnsweredBeforeItsCommitAndTheNextDurableWriteCarriesIt() {
        MongoCollection<Document> things = open();
        things.insertOne(new Document("_id", "first"));
        assertThat(store.hasUnsavedChanges()).as("a default write is committed before it is answered").isFalse();

        things.withWriteConcern(WriteConcern.ACKNOWLEDGED.withJournal(false))
                .insertOne(new Document("_id", "claim"));
        assertThat(store.hasUnsavedChanges()).as("j: false is answered without a commit").isTrue();

        things.withWriteConcern(WriteConcern.ACKNOWLEDGED.withJournal(true)).insertOne(new Document("_id", "item"));
        assertThat(store.hasUnsavedChanges()).as("the next durable write commits both").isFalse();
        assertThat(things.countDocuments()).isEqualTo(3);
    }

    @Test
    void aWriteNoDurableWriteFollowedStillReachesTheFile() {
        MongoCollection<Document> things = open(Duration.ofMillis(50));
        assertThat(store.getAutoCommitDelay()).as("no H2 timer: commits serialize where they run")
                .isZero();

        things.withWriteConcern(WriteConcern.ACKNOWLEDGED.withJournal(false))
                .insertOne(new Document("_id", "claim"));

        await().atMost(Duration.ofSeconds(30)).until(() -> !store.hasUnsavedChanges());
        assertThat(things.countDocuments()).isEqualTo(1);
    }

    @Test
    void concurrentIncrementsOfANewCounterHandOutEveryNumberOnce() throws Exception {
        MongoCollection<Document> counters = open();
        java.util.Set<Long> numbers = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) {
            done.add(pool.submit(() -> {
                for (int n = 0; n < 25; n++) {
                    Document counter = counters.withWriteConcern(WriteConcern.ACKNOWLEDGED.withJournal(false))
                            .findOneAndUpdate(com.mongodb.client.model.Filters.eq("_id", "c"),
                                    com.mongodb.client.model.Updates.inc("value", 1L),
                                    new com.mongodb.client.model.FindOneAndUpdateOptions().upsert(true)
                                            .returnDocument(com.mongodb.client.model.ReturnDocument.AFTER));
                    assertThat(numbers.add(counter.get("value", Number.class).longValue())).isTrue();
                }
            }));
        }
        for (java.util.concurrent.Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertThat(numbers).hasSize(400);
    }
}
