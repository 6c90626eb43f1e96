package io.opsbot.app.embedded;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** A unique index of the embedded server on a map whose keys are compared by {@link IndexKeyType}. */
final class KeyOrderedIndex extends AbstractUniqueIndex<Object> {

    private final MVMap<KeyValue, Object> keys;

    KeyOrderedIndex(MVMap<KeyValue, Object> keys, String name, List<IndexKey> fields, boolean sparse) {
        super(name, fields, sparse);
        this.keys = keys;
    }

    /**
     * Also a query naming every field of a compound index by value where a value is a whole sub-document, as
     * {@code {tenant: {platform: "SLACK", id: "T1"}, number: 12}}: the server's own indexes leave that to a scan
     * (mongo-java-server issue 80), though the key holds the whole sub-document, so it is one look-up. The server
     * matches the document found against the query afterwards, so a sub-document's field order counts as in MongoDB.
     */
    @Override
    public synchronized boolean canHandle(Document query) {
        return wholeSubDocumentKey(query) || super.canHandle(query);
    }

    @Override
    public synchronized Iterable<Object> getPositions(Document query) {
        if (!wholeSubDocumentKey(query)) {
            return super.getPositions(query);
        }
        Object position = getPosition(new KeyValue(keys().stream().map(query::get).toList()).normalized());
        return position == null ? List.of() : List.of(position);
    }

    private boolean wholeSubDocumentKey(Document query) {
        return isCompoundIndex() && query.keySet().equals(keySet())
                && query.values().stream().anyMatch(Document.class::isInstance)
                && query.values().stream().allMatch(value -> value != null && !(value instanceof Collection<?>)
                        && !(value instanceof Document document
                        && document.keySet().stream().anyMatch(key -> key.startsWith("$"))));
    }

    @Override
    protected Object removeDocument(KeyValue key) {
        return keys.remove(key);
    }

    @Override
    protected boolean putKeyPosition(KeyValue key, Object position) {
        return keys.putIfAbsent(key, Missing.ofNullable(position)) == null;
    }

    @Override
    protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
        return keys.entrySet();
    }

    @Override
    protected Object getPosition(KeyValue key) {
        return keys.get(key);
    }

    @Override
    public long getCount() {
        return keys.sizeAsLong();
    }

    @Override
    public boolean isEmpty() {
        return keys.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }
}
