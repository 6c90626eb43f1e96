package io.opsbot.core.storage;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/** Reads that every database answers from the {@code _id} index. */
public final class Lookups {

    private Lookups() {
    }

    /**
     * Whether a document with this id exists. {@code MongoTemplate.exists} counts, which the driver sends as an
     * aggregation that the embedded server runs over the whole collection; a find by id with only the id returned
     * is an index look-up everywhere.
     */
    public static boolean existsById(MongoTemplate mongo, Object id, String collection) {
        Query byId = Query.query(Criteria.where("_id").is(id));
        byId.fields().include("_id");
        return mongo.findOne(byId, org.bson.Document.class, collection) != null;
    }
}
