package io.opsbot.core.okr;

import io.opsbot.core.conversation.UserError;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Instant;

/**
 * How much a key result or a child objective counts in its objective's progress: a whole number, relative to its
 * siblings (1 and 1 share equally; 3 and 1 make the first count three quarters).
 */
final class Weights {

    static final int MAX = 100;

    private Weights() {
    }

    static void check(int weight) {
        if (weight < 1 || weight > MAX) {
            throw new UserError("A weight is a whole number from 1 to " + MAX + " (relative to the others: 2 counts "
                    + "twice as much as 1).");
        }
    }

    /** Checks the weight and stores it on the key result or objective {@code id}; returns it as changed. */
    static <T> T store(MongoTemplate mongo, Class<T> type, String id, int weight, Instant at) {
        check(weight);
        return mongo.findAndModify(Query.query(Criteria.where("_id").is(id)),
                new Update().set("weight", weight).set("updatedAt", at),
                FindAndModifyOptions.options().returnNew(true), type);
    }
}
