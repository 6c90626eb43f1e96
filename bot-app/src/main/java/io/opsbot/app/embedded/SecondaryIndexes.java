package io.opsbot.app.embedded;

import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps non-unique ("secondary") index definitions out of the embedded database. mongo-java-server does not implement
 * them: it keeps a placeholder that never holds a key, and because the placeholder is always empty it "builds" it by
 * reading every document of the collection twice, when the index is created and again at every opening of the data
 * file. With 100,000 feedback items and the half-dozen secondary indexes the feedback declares (for a real MongoDB),
 * opening the file took 79 s. Queries never used them, so leaving them out changes no answer; unique indexes (which
 * the server does keep and enforce) and the {@code _id} index stay.
 */
final class SecondaryIndexes {

    private static final Logger log = LoggerFactory.getLogger(SecondaryIndexes.class);
    private static final String INDEXES_MAP = ".system.indexes";

    private SecondaryIndexes() {
    }

    /** Whether an index definition ({@code {key: {...}, name, unique?}}) is one the embedded server really keeps. */
    static boolean kept(Document index) {
        Object unique = index.get("unique");
        return Boolean.TRUE.equals(unique) || unique instanceof Number n && n.intValue() == 1
                || index.get("key") instanceof Document key && key.keySet().equals(Set.of("_id"));
    }

    /**
     * Removes the secondary index placeholders that earlier versions stored in the data file, before the server opens
     * it (and would read every collection that has one, twice per placeholder). Returns the store.
     */
    static MVStore removeStored(MVStore store) {
        int removed = 0;
        for (String name : store.getMapNames()) {
            if (!name.startsWith(KeyOrderedDatabase.DATA_PREFIX) || !name.endsWith(INDEXES_MAP)) {
                continue;
            }
            MVMap<Object, Document> indexes = BsonStoredType.documents(store, name);
            List<Object> placeholders = new ArrayList<>();
            for (Map.Entry<Object, Document> entry : indexes.entrySet()) {
                if (!kept(entry.getValue())) {
                    placeholders.add(entry.getKey());
                }
            }
            placeholders.forEach(indexes::remove);
            removed += placeholders.size();
        }
        if (removed > 0) {
            store.commit();
            log.info("Removed {} secondary index placeholders from the embedded database (never used by its queries)",
                    removed);
        }
        return store;
    }

    /**
     * A {@code createIndexes} command with only the indexes the server keeps; null when none is left (the command is
     * then answered without reaching the server).
     */
    static Document keptOnly(Document command) {
        if (!(command.get("indexes") instanceof List<?> indexes)) {
            return command;
        }
        List<Object> kept = new ArrayList<>();
        for (Object index : indexes) {
            if (!(index instanceof Document definition) || kept(definition)) {
                kept.add(index);
            }
        }
        if (kept.size() == indexes.size()) {
            return command;
        }
        if (kept.isEmpty()) {
            return null;
        }
        Document narrowed = command.clone();
        narrowed.put("indexes", kept);
        return narrowed;
    }

    /** The answer to a {@code createIndexes} whose indexes were all left out. */
    static Document nothingToCreate() {
        Document answer = new Document("note", "secondary indexes are not kept by the embedded database");
        answer.put("ok", 1.0);
        return answer;
    }
}
