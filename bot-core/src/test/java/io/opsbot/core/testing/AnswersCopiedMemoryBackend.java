package io.opsbot.core.testing;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.backend.memory.index.MemoryUniqueIndex;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The memory backend updates a stored document in place and answers with the stored object itself, encoded after
 * the command returns: two concurrent increments of one counter could both be answered with the second value (one
 * vote test in 300 saw a search version handed out twice), and an answer being encoded while another command changes
 * it fails with a ConcurrentModificationException (seen in the bench's {@code fanout}). The bot's embedded store
 * guards against this (bot-app's {@code DurableH2Backend}); the test server and the bench do the same: answers are
 * copied under a lock that every in-place update of the collection also holds.
 *
 * <p>Like the embedded store (bot-app's {@code KeyOrderedIndex}), and MongoDB, it answers a query naming {@code _id}
 * by value from the {@code _id} index whatever else the query asks (also inside a top-level {@code $and}); the server
 * alone would scan the collection for {@code {_id: key, leaseVersion: 3}}, once per delivery leased, which made the
 * bench's fan-out quadratic.
 */
public final class AnswersCopiedMemoryBackend extends MemoryBackend {

    private static final Set<String> ANSWERS_STORED_DOCUMENTS = Set.of("update", "findandmodify", "find",
            "getmore");

    private final Map<String, Object> collectionLocks = new ConcurrentHashMap<>();

    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new MemoryDatabase(databaseName, getCursorRegistry()) {
            @Override
            protected Index<Integer> openOrCreateUniqueIndex(String collectionName, String indexName,
                    List<IndexKey> keys, boolean sparse) {
                return keys.size() == 1 && keys.get(0).getKey().equals("_id") ? new IdIndex(indexName, keys, sparse)
                        : super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
            }
        };
    }

    /**
     * The {@code _id} index, taking every query with an {@code _id} condition it can look up, at the top level or in
     * a document of a top-level {@code $and} (as the driver writes conditions naming a field twice).
     */
    private static final class IdIndex extends MemoryUniqueIndex {

        IdIndex(String name, List<IndexKey> keys, boolean sparse) {
            super(name, keys, sparse);
        }

        @Override
        public synchronized boolean canHandle(Document query) {
            Document byId = idCondition(query);
            return byId != null && super.canHandle(byId);
        }

        @Override
        public synchronized Iterable<Integer> getPositions(Document query) {
            return super.getPositions(idCondition(query));
        }

        private static Document idCondition(Document query) {
            if (query.containsKey("_id")) {
                return new Document("_id", query.get("_id"));
            }
            if (query.get("$and") instanceof List<?> conjuncts) {
                for (Object conjunct : conjuncts) {
                    if (conjunct instanceof Document document && document.containsKey("_id")) {
                        return new Document("_id", document.get("_id"));
                    }
                }
            }
            return null;
        }
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        Object collection = query.get(command) instanceof String named ? named : query.get("collection");
        if (!ANSWERS_STORED_DOCUMENTS.contains(command.toLowerCase(Locale.ROOT))
                || !(collection instanceof String)) {
            return super.handleCommand(channel, database, command, query);
        }
        synchronized (collectionLocks.computeIfAbsent(database + "." + collection, key -> new Object())) {
            Document answer = super.handleCommand(channel, database, command, query);
            if (answer.get("value") instanceof Document value) {
                answer.put("value", value.cloneDeeply());
            }
            if (answer.get("cursor") instanceof Document cursor) {
                for (String batch : List.of("firstBatch", "nextBatch")) {
                    if (cursor.get(batch) instanceof List<?> documents) {
                        cursor.put(batch, documents.stream()
                                .map(d -> d instanceof Document document ? document.cloneDeeply() : d).toList());
                    }
                }
            }
            return answer;
        }
    }
}
