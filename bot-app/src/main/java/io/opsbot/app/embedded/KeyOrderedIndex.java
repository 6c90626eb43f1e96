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

    /** What {@link #conditionOn} answers for a field the query does not name ({@code null} is a condition). */
    private static final Object NOT_NAMED = new Object();

    private final MVMap<KeyValue, Object> keys;

    KeyOrderedIndex(MVMap<KeyValue, Object> keys, String name, List<IndexKey> fields, boolean sparse) {
        super(name, fields, sparse);
        this.keys = keys;
    }

    /**
     * A query whose conditions on this index's fields make it one look-up, whatever else it asks: the server takes an
     * index only for a query on its fields alone, so {@code {_id: 12, status: "OPEN"}} (an update that must not
     * overwrite a change made meanwhile) read every document of the collection. Top-level conditions all hold at
     * once, and the server matches what the index finds against the whole query (AbstractMongoCollection's
     * matchDocuments), so the answer is the same. Also a query naming every field of a compound index by value where
     * a value is a whole sub-document, as {@code {tenant: {platform: "SLACK", id: "T1"}, number: 12}}: the server's
     * own indexes leave that to a scan (mongo-java-server issue 80), though the key holds the whole sub-document, so
     * it is one look-up; a sub-document's field order counts as in MongoDB, by that same match.
     */
    @Override
    public synchronized boolean canHandle(Document query) {
        Document onKeys = conditionsOnKeys(query);
        return onKeys != null && (wholeSubDocumentKey(onKeys) || super.canHandle(onKeys));
    }

    @Override
    public synchronized Iterable<Object> getPositions(Document query) {
        Document onKeys = conditionsOnKeys(query);
        if (!wholeSubDocumentKey(onKeys)) {
            return super.getPositions(onKeys);
        }
        Object position = getPosition(new KeyValue(keys().stream().map(onKeys::get).toList()).normalized());
        return position == null ? List.of() : List.of(position);
    }

    /**
     * The query's conditions on this index's fields alone, or null when it does not name every one of them. A field
     * is taken from the top level, else from a document of a top-level {@code $and}: the driver writes
     * {@code {$and: [{_id: k}, {at: {$gt: a}}, {at: {$lte: b}}]}} for conditions that name a field twice, and each
     * conjunct holds for every match as a top-level condition does.
     */
    private Document conditionsOnKeys(Document query) {
        if (query.size() == keySet().size() && query.keySet().containsAll(keySet())) {
            return query;
        }
        Document onKeys = new Document();
        for (String key : keys()) {
            Object condition = conditionOn(key, query);
            if (condition == NOT_NAMED) {
                return null;
            }
            onKeys.put(key, condition);
        }
        return onKeys;
    }

    private static Object conditionOn(String key, Document query) {
        if (query.containsKey(key)) {
            return query.get(key);
        }
        if (query.get("$and") instanceof Collection<?> conjuncts) {
            for (Object conjunct : conjuncts) {
                if (conjunct instanceof Document document && document.containsKey(key)) {
                    return document.get(key);
                }
            }
        }
        return NOT_NAMED;
    }

    /** Given the conditions on this index's fields alone ({@link #conditionsOnKeys}). */
    private boolean wholeSubDocumentKey(Document onKeys) {
        return isCompoundIndex() && onKeys.values().stream().anyMatch(Document.class::isInstance)
                && onKeys.values().stream().allMatch(value -> value != null && !(value instanceof Collection<?>)
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
