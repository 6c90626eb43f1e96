package io.opsbot.core.testing;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
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
 */
public final class AnswersCopiedMemoryBackend extends MemoryBackend {

    private static final Set<String> ANSWERS_STORED_DOCUMENTS = Set.of("update", "findandmodify", "find",
            "getmore");

    private final Map<String, Object> collectionLocks = new ConcurrentHashMap<>();

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
