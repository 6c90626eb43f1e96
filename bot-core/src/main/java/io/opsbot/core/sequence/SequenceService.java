package io.opsbot.core.sequence;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.opsbot.core.storage.Unjournaled;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/**
 * Per-tenant counters for human-friendly ids (FB-12). One atomic findAndModify per id, so two instances never hand out
 * the same number.
 */
@Service
public class SequenceService {

    static final String COLLECTION = "counters";

    private final MongoTemplate mongo;

    public SequenceService(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * The next number. Acknowledged before it reaches the disk ({@link Unjournaled}): a number counts once something
     * holding it is stored (an item FB-n, a search version an index applied), and that durable write carries the
     * counter's move to disk with it; a crash before it loses only a number nobody was shown or holds.
     */
    public long next(String key) {
        Document counter = Unjournaled.collection(mongo, COLLECTION).findOneAndUpdate(Filters.eq("_id", key),
                Updates.inc("value", 1L), new FindOneAndUpdateOptions().upsert(true)
                        .returnDocument(ReturnDocument.AFTER));
        if (counter == null) {
            throw new IllegalStateException("counter " + key + " was not returned");
        }
        return counter.get("value", Number.class).longValue();
    }

    /** The counter's value now, without moving it (0 when it was never moved). */
    public long current(String key) {
        Counter counter = mongo.findById(key, Counter.class, COLLECTION);
        return counter == null ? 0 : counter.value();
    }

    record Counter(String id, long value) {
    }
}
