package io.opsbot.core.sequence;

import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
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

    public long next(String key) {
        Counter counter = mongo.findAndModify(
                Query.query(Criteria.where("_id").is(key)),
                new Update().inc("value", 1L),
                FindAndModifyOptions.options().upsert(true).returnNew(true),
                Counter.class, COLLECTION);
        if (counter == null) {
            throw new IllegalStateException("counter " + key + " was not returned");
        }
        return counter.value();
    }

    /** The counter's value now, without moving it (0 when it was never moved). */
    public long current(String key) {
        Counter counter = mongo.findById(key, Counter.class, COLLECTION);
        return counter == null ? 0 : counter.value();
    }

    record Counter(String id, long value) {
    }
}
