package io.opsbot.app.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * mongo-java-server's H2 database with its unique indexes (the {@code _id} index among them) on maps whose keys are
 * compared by {@link IndexKeyType} instead of by their serialized bytes. Those maps order their keys differently, so
 * they have their own names ({@code ._keys_} where the server's have {@code ._index_}); {@link #migrate} copies the
 * server's maps a data file holds from before into them. Documents, ids and index keys are written as BSON
 * ({@link BsonStoredType}).
 */
final class KeyOrderedDatabase extends H2Database {

    private static final Logger log = LoggerFactory.getLogger(KeyOrderedDatabase.class);
    private static final String BYTEWISE = "._index_";
    private static final String KEY_ORDERED = "._keys_";
    /** The server's names for a collection's documents and its metadata (H2Database's). */
    static final String DATA_PREFIX = "databases.";
    private static final String META_PREFIX = "meta.";

    private final MVStore store;

    KeyOrderedDatabase(String databaseName, MVStore store, CursorRegistry cursors) {
        super(databaseName, store, cursors);
        this.store = store;
        // The server's constructor opens the indexes before this class has its store: they are opened here instead.
        super.initializeNamespacesAndIndexes();
    }

    @Override
    protected void initializeNamespacesAndIndexes() {
        if (store != null) {
            super.initializeNamespacesAndIndexes();
        }
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
            boolean sparse) {
        return new KeyOrderedIndex(open(store, getFullCollectionNamespace(collectionName) + KEY_ORDERED + indexName),
                indexName, keys, sparse);
    }

    /**
     * The server's collection on its own maps (same names), with the documents and their ids written as BSON. Opened
     * here first, the maps are the ones the server's other calls (drop, rename) get when they open them by name.
     */
    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        String namespace = getFullCollectionNamespace(collectionName);
        return new H2Collection(this, collectionName, options,
                BsonStoredType.documents(store, DATA_PREFIX + namespace), store.openMap(META_PREFIX + namespace),
                cursorRegistry);
    }

    @Override
    protected void dropIndex(MongoCollection<Object> collection, String indexName) {
        super.dropIndex(collection, indexName);
        store.removeMap(getFullCollectionNamespace(collection.getCollectionName()) + KEY_ORDERED + indexName);
    }

    /**
     * Copies every index map the server ordered by serialized bytes into a key-ordered one and removes it, in one
     * commit (a crash before it leaves the file as it was), before the server opens the store. Returns the store.
     */
    static MVStore migrate(MVStore store) {
        int copied = 0;
        for (String name : store.getMapNames()) {
            int at = name.lastIndexOf(BYTEWISE);
            if (at < 0 || name.startsWith(DATA_PREFIX) || name.startsWith(META_PREFIX)) {
                continue;
            }
            MVMap<Object, Object> bytewise = store.openMap(name);
            // A key-ordered map next to the old one is from a move that did not finish (H2's own timer, where it is
            // the durability, may have committed part of it): it is filled again from the start.
            MVMap<KeyValue, Object> ordered = open(store,
                    name.substring(0, at) + KEY_ORDERED + name.substring(at + BYTEWISE.length()));
            ordered.clear();
            for (Map.Entry<Object, Object> entry : bytewise.entrySet()) {
                ordered.put((KeyValue) entry.getKey(), entry.getValue());
            }
            store.removeMap(bytewise);
            copied++;
        }
        if (copied > 0) {
            store.commit();
            log.info("Moved {} unique indexes of the embedded database to key-ordered maps", copied);
        }
        return store;
    }

    /** Whether the map is a unique index's, key-ordered. */
    static boolean isKeyOrderedIndex(String name) {
        return name.contains(KEY_ORDERED) && !name.startsWith(DATA_PREFIX) && !name.startsWith(META_PREFIX);
    }

    static MVMap<KeyValue, Object> open(MVStore store, String name) {
        return store.openMap(name, new MVMap.Builder<KeyValue, Object>().keyType(new IndexKeyType())
                .valueType(new BsonStoredType()));
    }
}
