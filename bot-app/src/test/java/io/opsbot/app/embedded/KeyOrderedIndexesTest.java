package io.opsbot.app.embedded;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded server's unique indexes on key-ordered maps, through the real driver: look-ups and uniqueness answer
 * as before, and a data file written by the server's own index maps is moved over when it is opened.
 */
class KeyOrderedIndexesTest {

    @TempDir
    Path data;

    private ServerOnFile opened;
    private MVStore store;

    private MongoCollection<Document> open(Function<MVStore, MongoBackend> backend) {
        opened = ServerOnFile.open(data, backend);
        store = opened.store;
        return opened.feedback();
    }

    @AfterEach
    void close() {
        if (opened != null) {
            opened.close();
        }
        opened = null;
    }

    private static void fill(MongoCollection<Document> feedback, int items) {
        feedback.createIndex(Indexes.ascending("tenant", "number"), new IndexOptions().name("tenant_number")
                .unique(true));
        for (int i = 0; i < items; i++) {
            feedback.insertOne(new Document("_id", "item-" + i).append("tenant", i % 2 == 0 ? "T1" : "E1:T2")
                    .append("number", i));
        }
    }

    private static void assertAnswersAsBefore(MongoCollection<Document> feedback, int items) {
        for (int i = 0; i < items; i += 37) {
            Document byId = feedback.find(Filters.eq("_id", "item-" + i)).first();
            assertThat(byId).as("item-%d by id", i).isNotNull();
            assertThat(byId.getInteger("number")).isEqualTo(i);
            assertThat(feedback.find(new Document("tenant", i % 2 == 0 ? "T1" : "E1:T2").append("number", i))
                    .first()).as("item-%d by its unique key", i).isNotNull();
        }
        assertThat(feedback.find(new Document("tenant", "T1").append("number", 1)).first())
                .as("a key no item has").isNull();
        assertThatThrownBy(() -> feedback.insertOne(new Document("_id", "again").append("tenant", "T1")
                .append("number", 2.0))).as("the same number as a double").isInstanceOf(MongoWriteException.class);
        assertThatThrownBy(() -> feedback.insertOne(new Document("_id", "item-3")))
                .as("an id stored before").isInstanceOf(MongoWriteException.class);
        assertThat(feedback.countDocuments()).isEqualTo(items);
    }

    @Test
    void uniqueIndexesAreKeptOnKeyOrderedMapsAndAnswerAsBefore() {
        MongoCollection<Document> feedback = open(s -> new DurableH2Backend(s, Durability.WRITE));
        fill(feedback, 200);

        assertAnswersAsBefore(feedback, 200);
        assertThat(store.getMapNames()).contains("opsbot.feedback._keys__id_", "opsbot.feedback._keys_tenant_number")
                .noneMatch(name -> name.contains("._index_"));

        close();
        assertAnswersAsBefore(open(s -> new DurableH2Backend(s, Durability.WRITE)), 200);
    }

    @Test
    void aFileWrittenWithTheServersOwnIndexMapsIsMovedOverWhenOpened() {
        fill(open(H2Backend::new), 200);
        assertThat(store.getMapNames()).contains("opsbot.feedback._index__id_", "opsbot.feedback._index_tenant_number");
        close();

        MongoCollection<Document> feedback = open(s -> new DurableH2Backend(s, Durability.WRITE));

        assertThat(store.getMapNames()).contains("opsbot.feedback._keys__id_", "opsbot.feedback._keys_tenant_number")
                .noneMatch(name -> name.contains("._index_"));
        assertAnswersAsBefore(feedback, 200);
        feedback.insertOne(new Document("_id", "new").append("tenant", "T1").append("number", 1000));
        close();
        assertAnswersAsBefore(open(s -> new DurableH2Backend(s, Durability.WRITE)), 201);
    }

    @Test
    void aMoveThatDidNotFinishIsDoneAgainFromTheStart() {
        fill(open(H2Backend::new), 200);
        close();
        // What a commit in the middle of a move leaves: the old map, and a key-ordered one holding part of it.
        MVStore unfinished = new MVStore.Builder().fileName(ServerOnFile.file(data)).open();
        unfinished.openMap("opsbot.feedback._keys__id_", new org.h2.mvstore.MVMap.Builder<KeyValue, Object>()
                .keyType(new IndexKeyType())).put(new KeyValue("item-gone"), "item-gone");
        unfinished.commit();
        unfinished.close();

        MongoCollection<Document> feedback = open(s -> new DurableH2Backend(s, Durability.WRITE));

        assertAnswersAsBefore(feedback, 200);
        assertThat(store.<KeyValue, Object>openMap("opsbot.feedback._keys__id_").containsKey(new KeyValue("item-gone")))
                .as("what the unfinished move left").isFalse();
    }

    @Test
    void dropIndexAndDropCollectionRemoveTheirKeyOrderedMaps() {
        MongoCollection<Document> feedback = open(s -> new DurableH2Backend(s, Durability.WRITE));
        fill(feedback, 10);

        feedback.dropIndex("tenant_number");
        assertThat(store.getMapNames()).doesNotContain("opsbot.feedback._keys_tenant_number");
        feedback.drop();
        assertThat(store.getMapNames()).noneMatch(name -> name.startsWith("opsbot.feedback._keys_"));

        fill(feedback, 10);
        assertAnswersAsBefore(feedback, 10);
    }

    @Test
    void aCompoundKeyWithAWholeSubDocumentIsOneLookUp() {
        KeyOrderedIndex index = new KeyOrderedIndex(KeyOrderedDatabase.open(MVStore.open(null), "tenant_number"),
                "tenant_number", List.of(new IndexKey("tenant", true), new IndexKey("number", true)), false);
        index.add(item("SLACK", "T1", 12), "position-12", null);
        index.add(item("SLACK", "T2", 12), "position-other", null);

        de.bwaldvogel.mongo.bson.Document byNumber = item("SLACK", "T1", 12);
        byNumber.remove("_id");
        assertThat(index.canHandle(byNumber)).as("the server's own indexes scan for this").isTrue();
        assertThat(index.getPositions(byNumber)).containsExactly("position-12");
        de.bwaldvogel.mongo.bson.Document absent = item("SLACK", "T1", 13);
        absent.remove("_id");
        assertThat(index.getPositions(absent)).isEmpty();

        de.bwaldvogel.mongo.bson.Document anOperator = new de.bwaldvogel.mongo.bson.Document("tenant",
                new de.bwaldvogel.mongo.bson.Document("$in", List.of())).append("number", 12);
        assertThat(index.canHandle(anOperator)).as("left to a scan, as before").isFalse();
        assertThat(index.canHandle(new de.bwaldvogel.mongo.bson.Document("tenant", byNumber.get("tenant"))))
                .as("not every field of the index").isFalse();
    }

    @Test
    void aQueryNamingAnIndexsFieldsByValueIsOneLookUpWhateverElseItAsks() {
        KeyOrderedIndex byId = new KeyOrderedIndex(KeyOrderedDatabase.open(MVStore.open(null), "_id"), "_id_",
                List.of(new IndexKey("_id", true)), false);
        byId.add(item("SLACK", "T1", 12), "position-12", null);
        byId.add(item("SLACK", "T1", 13), "position-13", null);

        de.bwaldvogel.mongo.bson.Document unchangedMeanwhile = new de.bwaldvogel.mongo.bson.Document("_id", "T1-12")
                .append("status", "OPEN");
        assertThat(byId.canHandle(unchangedMeanwhile)).as("the server's own indexes scan for this").isTrue();
        assertThat(byId.getPositions(unchangedMeanwhile)).containsExactly("position-12");
        de.bwaldvogel.mongo.bson.Document someOfThem = new de.bwaldvogel.mongo.bson.Document("_id",
                new de.bwaldvogel.mongo.bson.Document("$in", List.of("T1-13", "T1-99"))).append("number",
                new de.bwaldvogel.mongo.bson.Document("$gt", 1));
        assertThat(byId.canHandle(someOfThem)).isTrue();
        assertThat(byId.getPositions(someOfThem)).containsExactly("position-13");
        assertThat(byId.canHandle(new de.bwaldvogel.mongo.bson.Document("_id",
                new de.bwaldvogel.mongo.bson.Document("$gt", "T1")).append("status", "OPEN")))
                .as("a range on the id, left to a scan").isFalse();
        assertThat(byId.canHandle(new de.bwaldvogel.mongo.bson.Document("status", "OPEN")))
                .as("no condition on the id").isFalse();
        de.bwaldvogel.mongo.bson.Document inAnAnd = new de.bwaldvogel.mongo.bson.Document("$and", List.of(
                new de.bwaldvogel.mongo.bson.Document("_id", "T1-13"),
                new de.bwaldvogel.mongo.bson.Document("number", new de.bwaldvogel.mongo.bson.Document("$gt", 1)),
                new de.bwaldvogel.mongo.bson.Document("number", new de.bwaldvogel.mongo.bson.Document("$lte", 20))));
        assertThat(byId.canHandle(inAnAnd)).as("as the driver writes a field named twice").isTrue();
        assertThat(byId.getPositions(inAnAnd)).containsExactly("position-13");
        assertThat(byId.canHandle(new de.bwaldvogel.mongo.bson.Document("$and", List.of(
                new de.bwaldvogel.mongo.bson.Document("number", 13))))).as("no condition on the id").isFalse();
        assertThat(byId.canHandle(new de.bwaldvogel.mongo.bson.Document("$or", List.of(
                new de.bwaldvogel.mongo.bson.Document("_id", "T1-13"),
                new de.bwaldvogel.mongo.bson.Document("number", 12))))).as("an $or is no conjunction").isFalse();

        KeyOrderedIndex byNumber = new KeyOrderedIndex(KeyOrderedDatabase.open(MVStore.open(null), "tenant_number"),
                "tenant_number", List.of(new IndexKey("tenant", true), new IndexKey("number", true)), false);
        byNumber.add(item("SLACK", "T1", 12), "position-12", null);
        de.bwaldvogel.mongo.bson.Document withMore = item("SLACK", "T1", 12).append("status", "OPEN");
        withMore.remove("_id");
        assertThat(byNumber.canHandle(withMore)).isTrue();
        assertThat(byNumber.getPositions(withMore)).containsExactly("position-12");
    }

    @Test
    void updatesAndReadsByIdWithMoreConditionsAnswerAsMongoDbDoes() {
        MongoCollection<Document> feedback = open(s -> new DurableH2Backend(s, Durability.WRITE));
        fill(feedback, 50);
        feedback.updateMany(Filters.empty(), new Document("$set", new Document("status", "OPEN")));

        assertThat(feedback.findOneAndUpdate(Filters.and(Filters.eq("_id", "item-4"), Filters.eq("status", "OPEN")),
                new Document("$set", new Document("status", "PLANNED")))).as("unchanged meanwhile").isNotNull();
        assertThat(feedback.findOneAndUpdate(Filters.and(Filters.eq("_id", "item-4"), Filters.eq("status", "OPEN")),
                new Document("$set", new Document("status", "DECLINED")))).as("changed meanwhile").isNull();
        assertThat(feedback.find(Filters.eq("_id", "item-4")).first().getString("status")).isEqualTo("PLANNED");
        assertThat(feedback.findOneAndUpdate(Filters.and(Filters.eq("_id", "item-6"), Filters.gt("number", 5),
                Filters.lte("number", 6)), new Document("$inc", new Document("number", 1000)))).as("in range").isNotNull();
        assertThat(feedback.findOneAndUpdate(Filters.and(Filters.eq("_id", "item-6"), Filters.gt("number", 5),
                Filters.lte("number", 6)), new Document("$inc", new Document("number", 1000))))
                .as("moved out of the range meanwhile").isNull();
        assertThat(feedback.deleteMany(Filters.and(Filters.eq("_id", "item-5"), Filters.eq("status", "PLANNED")))
                .getDeletedCount()).isZero();
        assertThat(feedback.find(Filters.and(Filters.in("_id", "item-2", "item-3", "item-4", "nothing"),
                Filters.eq("tenant", "T1"), Filters.or(Filters.eq("status", "OPEN"), Filters.eq("number", 4))))
                .map(item -> item.getString("_id")).into(new java.util.ArrayList<>()))
                .containsExactlyInAnyOrder("item-2", "item-4");
        assertThat(feedback.countDocuments(Filters.and(Filters.eq("tenant", "E1:T2"), Filters.eq("number", 7),
                Filters.eq("status", "OPEN")))).isEqualTo(1);
        assertThat(feedback.countDocuments(Filters.and(Filters.eq("tenant", "T1"), Filters.eq("number", 7),
                Filters.eq("status", "OPEN")))).as("item-7 is the other tenant's").isZero();
        assertThatThrownBy(() -> feedback.updateOne(Filters.and(Filters.eq("_id", "item-4"),
                Filters.eq("status", "OPEN")), new Document("$set", new Document("status", "SHIPPED")),
                new com.mongodb.client.model.UpdateOptions().upsert(true)))
                .as("an upsert that matched nothing inserts, and the id is taken").isInstanceOf(
                        MongoWriteException.class);
    }

    private static de.bwaldvogel.mongo.bson.Document item(String platform, String id, int number) {
        return new de.bwaldvogel.mongo.bson.Document("_id", id + "-" + number).append("tenant",
                new de.bwaldvogel.mongo.bson.Document("platform", platform).append("id", id)).append("number", number);
    }

    @Test
    void aQueryOnASubDocumentAndANumberFindsWhatMongoDbFinds() {
        MongoCollection<Document> feedback = open(s -> new DurableH2Backend(s, Durability.WRITE));
        feedback.createIndex(Indexes.ascending("tenant", "number"), new IndexOptions().name("tenant_number")
                .unique(true));
        for (int i = 0; i < 50; i++) {
            feedback.insertOne(new Document("_id", "item-" + i).append("tenant", new Document("platform", "SLACK")
                    .append("id", i % 2 == 0 ? "T1" : "T2")).append("number", i / 2));
        }
        // The same tenant with its fields the other way round: MongoDB matches a sub-document field by field in order.
        feedback.insertOne(new Document("_id", "reordered").append("tenant", new Document("id", "T1")
                .append("platform", "SLACK")).append("number", 100));

        assertThat(feedback.find(Filters.and(Filters.eq("tenant", new Document("platform", "SLACK")
                .append("id", "T2")), Filters.eq("number", 7))).map(item -> item.getString("_id")).into(
                new java.util.ArrayList<>())).containsExactly("item-15");
        assertThat(feedback.find(Filters.and(Filters.eq("tenant", new Document("platform", "SLACK")
                .append("id", "T1")), Filters.eq("number", 100))).first()).isNull();
        assertThat(feedback.find(Filters.and(Filters.eq("tenant", new Document("id", "T1")
                .append("platform", "SLACK")), Filters.eq("number", 100))).first()).isNotNull();
    }

    @Test
    void keysAreOrderedByValueAndOnlyEqualKeysCompareEqual() {
        IndexKeyType type = new IndexKeyType();
        KeyValue first = new KeyValue("T1", 1.0);
        KeyValue second = new KeyValue("T1", 2.0);
        KeyValue otherTenant = new KeyValue("T2", 1.0);

        assertThat(type.compare(first, new KeyValue("T1", 1.0))).isZero();
        assertThat(type.compare(first, second)).isNegative();
        assertThat(type.compare(second, first)).isPositive();
        assertThat(type.compare(second, otherTenant)).isNegative();
        assertThat(type.compare(new KeyValue((Object) null), first)).isNegative();

        // One number as a long and as a double: MongoDB's order calls them equal, the keys are not.
        KeyValue asLong = new KeyValue(5L);
        KeyValue asDouble = new KeyValue(5.0);
        assertThat(type.compare(asLong, asDouble)).isNotZero().isEqualTo(-type.compare(asDouble, asLong));
    }
}
