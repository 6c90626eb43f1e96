package io.opsbot.app.embedded;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Documents in the embedded database's file as BSON ({@link BsonStoredType}), through the real driver: every value
 * comes back the same after a restart, and a file the server wrote with Java serialization is rewritten as BSON once
 * and answers as before.
 */
class BsonDocumentsOnFileTest {

    @TempDir
    Path data;

    private ServerOnFile bot() {
        return ServerOnFile.open(data, store -> new DurableH2Backend(store, Durability.WRITE));
    }

    private static Document item(int i) {
        return new Document("_id", i % 3 == 0 ? "item-" + i : new ObjectId())
                .append("tenant", new Document("platform", "SLACK").append("tenantId", "T1")).append("number", (long) i)
                .append("summary", "Export times out <!channel> ✓ " + i).append("impact", i % 5)
                .append("score", i / 3.0)
                .append("amount", new Decimal128(new BigDecimal("12.50"))).append("owner", null)
                .append("open", i % 2 == 0).append("createdAt", new Date(1_764_000_000_000L + i))
                .append("votes", List.of(new Document("voterKey", "SLACK:T1:U" + i).append("at", new Date())))
                .append("attachment", new Binary(new byte[] {1, 2, (byte) i})).append("merged", new ArrayList<>());
    }

    private static List<Document> all(MongoCollection<Document> feedback) {
        return feedback.find().sort(new Document("number", 1)).into(new ArrayList<>());
    }

    /** Updates that make values on the server (an increment, a time of its own, a pushed sub-document). */
    private static void change(MongoCollection<Document> feedback) {
        feedback.updateMany(Filters.lt("number", 50L), Updates.combine(Updates.inc("impact", 1),
                Updates.set("status", "PLANNED"), Updates.currentDate("updatedAt"),
                Updates.push("votes", new Document("voterKey", "SLACK:T1:UX"))));
    }

    @Test
    void everyValueComesBackTheSameAfterARestart() {
        List<Document> before;
        try (ServerOnFile first = bot()) {
            for (int i = 0; i < 300; i++) {
                first.feedback().insertOne(item(i));
            }
            change(first.feedback());
            before = all(first.feedback());
        }

        try (ServerOnFile again = bot()) {
            assertThat(all(again.feedback())).isEqualTo(before);
            assertThat(again.store.openMap("databases.opsbot.feedback").getValueType())
                    .isInstanceOf(BsonStoredType.class);
        }
    }

    /** The first byte of every document of the collection as its map holds it in the file (read with no cache). */
    private Set<Integer> documentTags() {
        Set<Integer> tags = new TreeSet<>();
        MVStore raw = new MVStore.Builder().fileName(ServerOnFile.file(data)).readOnly().cacheSize(0).open();
        try {
            BsonStoredType bson = new BsonStoredType();
            raw.openMap("databases.opsbot.feedback", new MVMap.Builder<Object, Object>().keyType(bson)
                    .valueType(new BasicDataType<Object>() {
                        @Override
                        public int getMemory(Object value) {
                            return bson.getMemory(value);
                        }

                        @Override
                        public void write(WriteBuffer buffer, Object value) {
                            throw new UnsupportedOperationException("read only");
                        }

                        @Override
                        public Object read(ByteBuffer buffer) {
                            tags.add(buffer.get(buffer.position()) & 0xFF);
                            return bson.read(buffer);
                        }

                        @Override
                        public Object[] createStorage(int size) {
                            return new Object[size];
                        }
                    })).forEach((id, document) -> { });
        } finally {
            raw.close();
        }
        return tags;
    }

    @Test
    void aFileWrittenWithJavaSerializationIsRewrittenAsBsonAndAnswersAsBefore() {
        List<Document> written;
        try (ServerOnFile older = ServerOnFile.open(data, H2Backend::new)) {
            for (int i = 0; i < 300; i++) {
                older.feedback().insertOne(item(i));
            }
            written = all(older.feedback());
        }
        assertThat(documentTags()).as("Java serialization (H2's tag for it)").containsExactly(19);

        try (ServerOnFile converting = bot()) {
            assertThat(all(converting.feedback())).isEqualTo(written);
        }
        assertThat(documentTags()).as("BSON").containsExactly(0xF0);

        List<Document> changed;
        try (ServerOnFile again = bot()) {
            assertThat(all(again.feedback())).isEqualTo(written);
            change(again.feedback());
            again.feedback().insertOne(item(1_000));
            changed = all(again.feedback());
        }
        try (ServerOnFile last = bot()) {
            assertThat(all(last.feedback())).isEqualTo(changed).hasSize(301);
            assertThat(last.feedback().find(Filters.eq("_id", "item-51")).first()).as("unchanged")
                    .isEqualTo(written.get(51));
        }
    }
}
