package io.opsbot.app.embedded;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * How the embedded database writes documents, ids and index keys to its file: as BSON, where H2's default type
 * ({@link ObjectDataType}) falls back to Java serialization for them. H2 reads and writes whole pages, so a page read
 * from the file decodes every document on it, and a changed page encodes every one again at the next commit; with
 * Java serialization that was 40-75 µs to read and about 140 µs to write one feedback item, against 3-5 µs each way
 * as BSON. Reading a person's own items at 100,000 items (cold pages) and committing changed pages cost that much.
 *
 * <p>Each value starts with a tag byte: the tags used here are ones {@link ObjectDataType} never writes, so a file
 * written before (Java serialization) is read as it is, and its pages are written as BSON when they change. A value
 * BSON would not give back as it was (the server's {@code Missing} in an index key, a time finer than milliseconds, a
 * type not listed in {@link #exact}) is written by {@link ObjectDataType} as before. Keys compare as
 * {@link ObjectDataType} compares them, so a map keeps the order its pages were written in.
 */
final class BsonStoredType extends BasicDataType<Object> {

    /** Tags {@link ObjectDataType} does not use (its tags are 0-119). */
    private static final byte DOCUMENT = (byte) 0xF0;
    private static final byte OBJECT_ID = (byte) 0xF1;
    private static final byte KEY_VALUE = (byte) 0xF2;
    private static final String KEY_VALUES = "v";

    private final ObjectDataType fallback = new ObjectDataType();

    /**
     * Opens a collection's documents map with this type for its ids and documents. Every opening of such a map goes
     * through here: H2 hands out the first opening's map to every later one.
     */
    static MVMap<Object, Document> documents(MVStore store, String name) {
        return store.openMap(name, new MVMap.Builder<Object, Document>().keyType(new BsonStoredType())
                .valueType(new BsonStoredType()));
    }

    @Override
    public int compare(Object a, Object b) {
        return fallback.compare(a, b);
    }

    @Override
    public int getMemory(Object value) {
        return estimate(value);
    }

    @Override
    public void write(WriteBuffer buffer, Object value) {
        if (value instanceof ObjectId id) {
            buffer.put(OBJECT_ID).put(id.toByteArray());
            return;
        }
        Document document = value instanceof Document stored ? stored
                : value instanceof KeyValue key ? new Document(KEY_VALUES, key.stream().toList()) : null;
        if (document == null || !exact(document)) {
            fallback.write(buffer, value);
            return;
        }
        ByteBuf bson = encoded(document);
        buffer.put(value instanceof Document ? DOCUMENT : KEY_VALUE)
                .put(bson.array(), bson.arrayOffset() + bson.readerIndex(), bson.readableBytes());
    }

    /** The document as BSON. */
    private static ByteBuf encoded(Document document) {
        ByteBuf bson = Unpooled.buffer(256);
        BsonEncoder.encodeDocument(document, bson);
        return bson;
    }

    /**
     * Whether BSON gives the value back equal and of the same class: the types the server decodes from the wire and
     * its update operators make, times in whole milliseconds (BSON's). The encoder would write some others as
     * something else ({@code Missing} as null), so anything not listed stays with Java serialization.
     */
    static boolean exact(Object value) {
        if (value == null || value instanceof String || value instanceof Integer || value instanceof Long
                || value instanceof Double || value instanceof Boolean || value instanceof ObjectId
                || value instanceof Decimal128 || value instanceof BinData || value instanceof BsonTimestamp) {
            return true;
        }
        if (value instanceof Instant time) {
            return time.getNano() % 1_000_000 == 0;
        }
        if (value instanceof Document document) {
            for (Object field : document.values()) {
                if (!exact(field)) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof List<?> values) {
            for (Object element : values) {
                if (!exact(element)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    @Override
    public Object read(ByteBuffer buffer) {
        byte tag = buffer.get(buffer.position());
        if (tag == OBJECT_ID) {
            byte[] id = new byte[12];
            buffer.get();
            buffer.get(id);
            return new ObjectId(id);
        }
        if (tag != DOCUMENT && tag != KEY_VALUE) {
            return fallback.read(buffer);
        }
        buffer.get();
        ByteBuf bson = Unpooled.wrappedBuffer(buffer.slice());
        Document document = BsonDecoder.decodeBson(bson);
        buffer.position(buffer.position() + bson.readerIndex());
        return tag == DOCUMENT ? document : new KeyValue((List<?>) document.get(KEY_VALUES));
    }

    @Override
    public Object[] createStorage(int size) {
        return new Object[size];
    }

    /**
     * About what the value takes on the heap, for H2's page cache and page splits. Not Java serialization's length,
     * which {@link ObjectDataType} learns from what it writes (and would go on guessing 10 KB for what it no longer
     * writes), nor a BSON encoding made only to measure it.
     */
    static int estimate(Object value) {
        if (value instanceof Map<?, ?> map) {
            int size = 64;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                size += 48 + estimate(entry.getKey()) + estimate(entry.getValue());
            }
            return size;
        }
        if (value instanceof Collection<?> values) {
            int size = 40 + 8 * values.size();
            for (Object element : values) {
                size += estimate(element);
            }
            return size;
        }
        if (value instanceof KeyValue key) {
            return 16 + estimate(key.stream().toList());
        }
        if (value instanceof CharSequence text) {
            return 48 + text.length();
        }
        return 24;
    }
}
