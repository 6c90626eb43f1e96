package io.opsbot.app.embedded;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The key type of the embedded server's unique indexes: stored as BSON ({@link BsonStoredType}; keys written before
 * by Java serialization are read as they are), compared field by field in MongoDB's value order. H2's default type
 * compares an index key ({@link KeyValue}, not {@code Comparable}) by serializing both sides, so every comparison of
 * a B-tree look-up built two object streams, and a look-up by id or by a unique key cost more the more documents the
 * collection held.
 */
final class IndexKeyType extends BasicDataType<Object> {

    /** How keys that MongoDB's order calls equal are told apart: by their Java-serialized form, as H2 did. */
    private final ObjectDataType stored = new ObjectDataType();
    private final BsonStoredType bson = new BsonStoredType();

    @Override
    public int compare(Object a, Object b) {
        if (a == b) {
            return 0;
        }
        if (!(a instanceof KeyValue left) || !(b instanceof KeyValue right)) {
            return stored.compare(a, b);
        }
        int fields = Math.min(left.size(), right.size());
        for (int i = 0; i < fields; i++) {
            int order = ValueComparator.ascWithoutListHandling().compare(left.get(i), right.get(i));
            if (order != 0) {
                return order;
            }
        }
        if (left.size() != right.size()) {
            return Integer.compare(left.size(), right.size());
        }
        // Keys MongoDB's order calls equal that are not equal objects (one number as a long and as a double): ordered
        // by their stored form, which tells them apart as H2's default type did, so they stay two keys.
        return left.equals(right) ? 0 : Arrays.compare(serialized(left), serialized(right));
    }

    private byte[] serialized(Object key) {
        WriteBuffer buffer = new WriteBuffer();
        stored.write(buffer, key);
        ByteBuffer bytes = buffer.getBuffer();
        bytes.flip();
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        return copy;
    }

    @Override
    public int getMemory(Object key) {
        return bson.getMemory(key);
    }

    @Override
    public void write(WriteBuffer buffer, Object key) {
        bson.write(buffer, key);
    }

    @Override
    public Object read(ByteBuffer buffer) {
        return bson.read(buffer);
    }

    @Override
    public Object[] createStorage(int size) {
        return new Object[size];
    }
}
