package io.opsbot.core.storage;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

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

    /** Which of these ids have a document, in one {@code _id $in} read returning only the ids (none for no ids). */
    public static Set<String> existingIds(MongoTemplate mongo, Collection<String> ids, String collection) {
        Set<String> found = new HashSet<>();
        if (!ids.isEmpty()) {
            Query byIds = idIn(ids);
            byIds.fields().include("_id");
            mongo.find(byIds, org.bson.Document.class, collection).forEach(d -> found.add(d.get("_id").toString()));
        }
        return found;
    }

    /** The documents with these ids, in one {@code _id $in} read (none for no ids), by id. */
    public static <T> Map<String, T> byIds(MongoTemplate mongo, Collection<String> ids, Class<T> type,
                                           Function<T, String> idOf) {
        Map<String, T> found = new HashMap<>();
        if (!ids.isEmpty()) {
            mongo.find(idIn(ids), type).forEach(document -> found.put(idOf.apply(document), document));
        }
        return found;
    }

    private static Query idIn(Collection<String> ids) {
        return Query.query(Criteria.where("_id").in(ids.stream().distinct().toList()));
    }
}
