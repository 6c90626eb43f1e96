package io.opsbot.app.embedded;

import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Rewrites, once, what a data file holds from before {@link BsonStoredType} (documents, ids and index keys in Java
 * serialization) as BSON, before the server opens it. Without it such a file is still read as it is, and a page is
 * written as BSON only when something on it changes: the documents nobody changes would be decoded the slow way
 * at every read for good. Commits every {@link #SLICE} entries (the rewritten pages would otherwise all wait in
 * memory for one commit); a crash part way leaves a file that is read as before, and the rewrite starts over.
 */
final class BsonConversion {

    private static final Logger log = LoggerFactory.getLogger(BsonConversion.class);
    /** A name no database's maps can start with ('$' is not allowed in a database name). */
    static final String FORMAT_MAP = "opsbot$storage";
    private static final String FORMAT = "format";
    private static final String BSON = "bson";
    private static final int SLICE = 2_000;

    private BsonConversion() {
    }

    /** Rewrites the file's documents and unique indexes as BSON unless that was done; returns the store. */
    static MVStore convert(MVStore store) {
        MVMap<String, String> format = store.openMap(FORMAT_MAP);
        if (BSON.equals(format.get(FORMAT))) {
            return store;
        }
        long started = System.nanoTime();
        long rewritten = 0;
        for (String name : List.copyOf(store.getMapNames())) {
            MVMap<Object, Object> map = name.startsWith(KeyOrderedDatabase.DATA_PREFIX)
                    ? cast(BsonStoredType.documents(store, name))
                    : KeyOrderedDatabase.isKeyOrderedIndex(name) ? cast(KeyOrderedDatabase.open(store, name)) : null;
            if (map == null) {
                continue;
            }
            // H2 writes a changed page whole, every entry on it with the map's types: putting each entry back is
            // what makes its page be written again, as BSON.
            Cursor<Object, Object> entries = map.cursor(null);
            while (entries.hasNext()) {
                Object key = entries.next();
                map.put(key, entries.getValue());
                if (++rewritten % SLICE == 0) {
                    store.commit();
                }
            }
        }
        format.put(FORMAT, BSON);
        store.commit();
        if (rewritten > 0) {
            log.info("Rewrote {} documents and index entries of the embedded database as BSON in {} ms", rewritten,
                    (System.nanoTime() - started) / 1_000_000);
        }
        return store;
    }

    @SuppressWarnings("unchecked")
    private static MVMap<Object, Object> cast(MVMap<?, ?> map) {
        return (MVMap<Object, Object>) map;
    }
}
