package io.opsbot.core.storage;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
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

    /**
     * How many ids one {@code _id $in} read asks for. The embedded server finds each through the index, then tests
     * every document found against the whole list, value by value: the profiles of a start-up's 10,000 standup
     * participants in one read took it about 5 s (10,000 x 10,000 comparisons); in reads of this many, 10,000 x 200.
     */
    static final int IDS_PER_READ = 200;

    /** Which of these ids have a document, in {@code _id $in} reads returning only the ids (none for no ids). */
    public static Set<String> existingIds(MongoTemplate mongo, Collection<String> ids, String collection) {
        Set<String> found = new HashSet<>();
        for (Query byIds : idSlices(ids)) {
            byIds.fields().include("_id");
            mongo.find(byIds, org.bson.Document.class, collection).forEach(d -> found.add(d.get("_id").toString()));
        }
        return found;
    }

    /** The documents with these ids, in {@code _id $in} reads (one up to {@link #IDS_PER_READ}; none for no ids). */
    public static <T> Map<String, T> byIds(MongoTemplate mongo, Collection<String> ids, Class<T> type,
                                           Function<T, String> idOf) {
        Map<String, T> found = new HashMap<>();
        for (Query byIds : idSlices(ids)) {
            mongo.find(byIds, type).forEach(document -> found.put(idOf.apply(document), document));
        }
        return found;
    }

    /**
     * Queries by {@code _id $in} for these ids, {@link #IDS_PER_READ} at a time (none for no ids): for any command that
     * names many documents by id, a removal as much as a read.
     */
    public static List<Query> idSlices(Collection<String> ids) {
        List<String> distinct = ids.stream().distinct().toList();
        List<Query> reads = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += IDS_PER_READ) {
            reads.add(Query.query(Criteria.where("_id").in(distinct.subList(from,
                    Math.min(distinct.size(), from + IDS_PER_READ)))));
        }
        return reads;
    }
}
