package io.opsbot.app.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * mongo-java-server's H2 backend, made durable: a write command's answer (the driver's acknowledgement) leaves only
 * after {@link DurableCommits} has put the write on disk. Out of the box the MVStore writes on a one-second timer, so
 * a crash lost writes the bot had already confirmed, and counters went back (ids reused).
 *
 * <p>A write sent with the write concern {@code j: false} ("do not wait for the journal", what bot-core's
 * {@code Unjournaled} asks for) is answered at once: it reaches the disk with the next commit, which any later durable
 * write waits for, since one commit writes every change made before it. A crash loses such a write only when no
 * durable write followed it, which is what the callers accept (a replay claim, a rate-limit bucket).
 */
final class DurableH2Backend extends H2Backend {

    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify", "create",
            "createindexes", "drop", "dropindexes", "dropdatabase", "renamecollection");

    /** Commands that update stored documents in place, or answer with stored documents. */
    private static final Set<String> ANSWERS_STORED_DOCUMENTS = Set.of("update", "findandmodify", "find",
            "getmore");

    private final DurableCommits commits;
    private final Map<String, Object> collectionLocks = new ConcurrentHashMap<>();

    DurableH2Backend(MVStore store, Durability durability) {
        this(store, durability, DurableCommits.UNSAVED_AT_MOST);
    }

    /** With {@code unsavedAtMost}: how soon a {@code j: false} write no durable one followed reaches the file. */
    DurableH2Backend(MVStore store, Durability durability, java.time.Duration unsavedAtMost) {
        super(BsonConversion.convert(KeyOrderedDatabase.migrate(SecondaryIndexes.removeStored(store))));
        this.commits = new DurableCommits(store, durability, unsavedAtMost);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new KeyOrderedDatabase(databaseName, getMvStore(), getCursorRegistry());
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (!WRITES.contains(name)) {
            return handle(channel, database, command, name, query);
        }
        try {
            return commits.changing(() -> handle(channel, database, command, name, query));
        } finally {
            // Also after a failed write: part of a multi-document insert may have been applied.
            if (!journalDeclined(query)) {
                commits.afterWrite();
            }
        }
    }

    /** Runs the command ({@code name}: its name in lower case). */
    private Document handle(Channel channel, String database, String command, String name, Document query) {
        if (name.equals("createindexes")) {
            Document kept = SecondaryIndexes.keptOnly(query);
            return kept == null ? SecondaryIndexes.nothingToCreate()
                    : super.handleCommand(channel, database, command, kept);
        }
        if (!ANSWERS_STORED_DOCUMENTS.contains(name) || !(query.get(command) instanceof String
                || query.get("collection") instanceof String)) {
            return super.handleCommand(channel, database, command, query);
        }
        // The server updates a stored document in place and answers with the stored object itself, encoded after
        // this returns: a concurrent update of the same document could change an answer before it was sent (two
        // increments of a counter both answered with the second value). Answers are copied under a lock that
        // every in-place update of the collection also holds.
        String collection = query.get(command) instanceof String named ? named : (String) query.get("collection");
        synchronized (collectionLocks.computeIfAbsent(database + "." + collection, key -> new Object())) {
            return copyOfStoredDocuments(super.handleCommand(channel, database, command, query));
        }
    }

    /** The answer, with the documents it carries ("value", a cursor's batch) copied deeply. */
    private static Document copyOfStoredDocuments(Document answer) {
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

    /** True when the command's write concern says {@code j: false}. */
    static boolean journalDeclined(Document query) {
        return query.get("writeConcern") instanceof Document concern && Boolean.FALSE.equals(concern.get("j"));
    }
}
