package io.opsbot.app.embedded;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Secondary (non-unique) indexes are kept out of the embedded database, through the real driver: mongo-java-server
 * does not implement them, and read every document of the collection twice per such index at each opening of the
 * file (79 s for 100,000 feedback items). Unique indexes stay and are enforced.
 */
class SecondaryIndexesTest {

    @TempDir
    Path data;

    private ServerOnFile opened;

    private MongoCollection<Document> open(Function<MVStore, MongoBackend> backend) {
        opened = ServerOnFile.open(data, backend);
        return opened.feedback();
    }

    @AfterEach
    void close() {
        if (opened != null) {
            opened.close();
        }
        opened = null;
    }

    private static List<String> indexNames(MongoCollection<Document> collection) {
        List<String> names = new ArrayList<>();
        collection.listIndexes().forEach(index -> names.add(index.getString("name")));
        return names;
    }

    @Test
    void aSecondaryIndexIsNotCreatedAndAUniqueOneIs() {
        MongoCollection<Document> feedback = open(s -> new DurableH2Backend(s, Durability.FSYNC));
        feedback.insertOne(new Document("_id", "a").append("tenant", "T1").append("number", 1).append("owner", "U1"));

        feedback.createIndex(Indexes.ascending("owner"), new IndexOptions().name("owner"));
        feedback.createIndexes(List.of(
                new com.mongodb.client.model.IndexModel(Indexes.descending("createdAt"),
                        new IndexOptions().name("created")),
                new com.mongodb.client.model.IndexModel(Indexes.ascending("tenant", "number"),
                        new IndexOptions().name("tenant_number").unique(true))));

        assertThat(indexNames(feedback)).containsExactlyInAnyOrder("_id_", "tenant_number");
        assertThatThrownBy(() -> feedback.insertOne(new Document("_id", "b").append("tenant", "T1")
                .append("number", 1))).isInstanceOf(MongoWriteException.class);
        assertThat(feedback.find(new Document("owner", "U1")).first()).as("queries answer as before").isNotNull();
    }

    @Test
    void secondaryIndexesAnEarlierVersionStoredAreRemovedAtOpening() {
        MongoCollection<Document> written = open(H2Backend::new);
        written.insertOne(new Document("_id", "a").append("tenant", "T1").append("number", 1));
        written.createIndex(Indexes.ascending("owner"), new IndexOptions().name("owner"));
        written.createIndex(Indexes.ascending("tenant", "number"), new IndexOptions().name("tenant_number")
                .unique(true));
        assertThat(indexNames(written)).contains("owner");
        close();

        MongoCollection<Document> reopened = open(s -> new DurableH2Backend(s, Durability.FSYNC));

        assertThat(indexNames(reopened)).containsExactlyInAnyOrder("_id_", "tenant_number");
        assertThat(reopened.countDocuments()).isEqualTo(1);
        assertThatThrownBy(() -> reopened.insertOne(new Document("_id", "b").append("tenant", "T1")
                .append("number", 1))).isInstanceOf(MongoWriteException.class);
    }
}
