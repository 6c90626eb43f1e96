package io.opsbot.core.storage;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoAction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.WriteConcernResolver;

import java.util.function.Supplier;

/**
 * Writes that need not be on disk before the bot answers: sent with the write concern {@code j: false}, so the
 * database acknowledges them without waiting for its journal (the embedded database: without waiting for the group
 * commit and its fsync). Only for writes whose loss in a crash is harmless; each caller says why. Two things make
 * that hold:
 * <ul>
 *   <li>a journal is written in order: any durable write after one of these (the item a number was taken for) puts
 *       it on disk too;</li>
 *   <li>the write concern's {@code w} is left at the database's default, so on a replica set the write is still
 *       acknowledged by a majority (which journals anyway, so there it changes nothing).</li>
 * </ul>
 * Writes through {@code MongoTemplate} inside {@link #write} get the write concern from {@link #resolver()}, which
 * {@link StorageConfiguration} gives the template; {@code findAndModify}, which the template sends without one, goes
 * through {@link #collection}.
 */
public final class Unjournaled {

    public static final WriteConcern NO_JOURNAL_WAIT = WriteConcern.ACKNOWLEDGED.withJournal(false);

    private static final ThreadLocal<Boolean> ACTIVE = new ThreadLocal<>();

    private Unjournaled() {
    }

    /** Runs template writes that need not reach the disk before they are acknowledged; returns what they return. */
    public static <T> T write(Supplier<T> writes) {
        Boolean outer = ACTIVE.get();
        ACTIVE.set(Boolean.TRUE);
        try {
            return writes.get();
        } finally {
            if (outer == null) {
                ACTIVE.remove();
            }
        }
    }

    /** As {@link #write(Supplier)}, for writes that return nothing. */
    public static void write(Runnable writes) {
        write(() -> {
            writes.run();
            return null;
        });
    }

    /** The write concern of template writes: {@link #NO_JOURNAL_WAIT} inside {@link #write}, else the default. */
    public static WriteConcernResolver resolver() {
        return (MongoAction action) -> Boolean.TRUE.equals(ACTIVE.get()) ? NO_JOURNAL_WAIT
                : action.getDefaultWriteConcern();
    }

    /** The collection, with writes through it acknowledged before they reach the journal. */
    public static MongoCollection<Document> collection(MongoTemplate mongo, String name) {
        return mongo.getCollection(name).withWriteConcern(NO_JOURNAL_WAIT);
    }

    /** The entity as {@code MongoTemplate} would store it, for a write through {@link #collection}. */
    public static Document toDocument(MongoTemplate mongo, Object entity) {
        Document document = new Document();
        mongo.getConverter().write(entity, document);
        return document;
    }
}
