package io.opsbot.app.embedded;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Documents, ids and index keys as the embedded database writes them to its file, and reads them back. */
class BsonStoredTypeTest {

    private final BsonStoredType type = new BsonStoredType();

    /** A stored feedback item's shape: sub-documents, arrays of them, dates, numbers of each width, nulls. */
    private static Document item() {
        Document tenant = new Document("platform", "SLACK").append("tenantId", "T0001");
        Document vote = new Document("voterKey", "SLACK:T0001:U1").append("voter", new Document("tenant", tenant)
                .append("userId", "U1")).append("at", Instant.parse("2026-12-03T10:15:30.123Z"));
        return new Document("_id", new ObjectId()).append("tenant", tenant).append("number", 5001L)
                .append("summary", "Export to CSV times out <!channel> ünïcödé").append("impact", 2)
                .append("score", 0.75).append("amount", Decimal128.fromNumber(new java.math.BigDecimal("12.50")))
                .append("owner", null).append("triagePending", false).append("votes", List.of(vote))
                .append("mergedNumbers", new ArrayList<>()).append("createdAt", Instant.parse("2026-12-03T10:15:30Z"))
                .append("attachment", new BinData(new byte[] {1, 2, 3})).append("oplog", new BsonTimestamp(7L));
    }

    private byte[] written(Object... values) {
        WriteBuffer buffer = new WriteBuffer();
        for (Object value : values) {
            type.write(buffer, value);
        }
        ByteBuffer bytes = buffer.getBuffer();
        bytes.flip();
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        return copy;
    }

    @Test
    void documentsAreWrittenAsBsonAndReadBackEqualOneAfterAnother() {
        Document first = item();
        Document second = item().append("summary", "Dark mode");
        ByteBuf bson = Unpooled.buffer();
        BsonEncoder.encodeDocument(first, bson);

        byte[] bytes = written(first, second);

        assertThat(written(first)).as("a tag and the BSON").hasSize(1 + bson.readableBytes());
        ByteBuffer reading = ByteBuffer.wrap(bytes);
        assertThat(type.read(reading)).isEqualTo(first);
        assertThat(type.read(reading)).isEqualTo(second);
        assertThat(reading.hasRemaining()).isFalse();
    }

    @Test
    void idsAndIndexKeysRoundTripAndValuesBsonCannotCarryAreWrittenAsBefore() {
        ObjectId id = new ObjectId();
        KeyValue key = new KeyValue(new Document("platform", "SLACK").append("tenantId", "T1"), 12L);
        KeyValue uuid = new KeyValue(java.util.UUID.randomUUID(), "x");
        Document finerThanBson = new Document("at", Instant.parse("2026-12-03T10:15:30.123456Z"));

        ByteBuffer reading = ByteBuffer.wrap(written(id, "item-7", 42L, key, uuid, finerThanBson));

        assertThat(type.read(reading)).isEqualTo(id);
        assertThat(type.read(reading)).isEqualTo("item-7");
        assertThat(type.read(reading)).isEqualTo(42L);
        assertThat(type.read(reading)).isEqualTo(key);
        assertThat(type.read(reading)).isEqualTo(uuid);
        assertThat(type.read(reading)).isEqualTo(finerThanBson);
        assertThat(reading.hasRemaining()).isFalse();
        assertThat(written(id)).as("a tag and the id's 12 bytes").hasSize(13);
    }

    @Test
    void whatJavaSerializationWroteBeforeIsReadAsItIs() {
        ObjectDataType before = new ObjectDataType();
        Document document = item();
        ObjectId id = new ObjectId();
        KeyValue key = new KeyValue("T1", 3);
        WriteBuffer buffer = new WriteBuffer();
        before.write(buffer, document);
        before.write(buffer, id);
        before.write(buffer, key);
        ByteBuffer reading = buffer.getBuffer();
        reading.flip();

        assertThat(type.read(reading)).isEqualTo(document);
        assertThat(type.read(reading)).isEqualTo(id);
        assertThat(type.read(reading)).isEqualTo(key);
    }

    @Test
    void keysCompareAsH2sDefaultTypeComparesThem() {
        ObjectDataType before = new ObjectDataType();
        List<Object> keys = List.of(new ObjectId(), new ObjectId(), "a", "b", 1L, 2);
        for (Object a : keys) {
            for (Object b : keys) {
                assertThat(Integer.signum(type.compare(a, b))).as("%s vs %s", a, b)
                        .isEqualTo(Integer.signum(before.compare(a, b)));
            }
        }
    }

    @Test
    void theMemoryEstimateGrowsWithTheDocumentNotWithWhatJavaSerializationLearned() {
        Document small = new Document("_id", "x");
        Document large = item().append("details", "y".repeat(2_000));

        assertThat(type.getMemory(small)).isLessThan(300);
        assertThat(type.getMemory(large)).isGreaterThan(2_000).isLessThan(10_000);
    }
}
