package io.opsbot.core.feedback;

import io.opsbot.core.storage.Unjournaled;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;

/**
 * Items whose triage post may not be queued yet, in a collection of their own ({@code feedback_pending}, keyed by the
 * item's id): written just before the item, removed once its post is queued. So the minutely look for posts a crash
 * or an outage left unqueued reads this small collection, not every item (the embedded database scans a collection for
 * any query not by id).
 *
 * <p>Both writes are unjournaled: the marker reaches the disk with the item's own (durable) insert right after it, and
 * a removal lost in a crash only leaves a marker whose item is found posted already.
 */
@Component
class PendingTriagePosts {

    static final String COLLECTION = "feedback_pending";

    private final MongoTemplate mongo;

    PendingTriagePosts(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @org.springframework.data.mongodb.core.mapping.Document(COLLECTION)
    record Pending(String id, Instant at) {
    }

    /** Marks a post as pending for an item about to be saved; returns the id the item is to be saved with. */
    String mark(Instant now) {
        String id = new ObjectId().toHexString();
        Unjournaled.write(() -> mongo.insert(new Pending(id, now)));
        return id;
    }

    /** The item's post is queued. */
    void done(String itemId) {
        done(List.of(itemId));
    }

    void done(Collection<String> itemIds) {
        Unjournaled.write(() -> mongo.remove(Query.query(Criteria.where("_id").in(itemIds)), Pending.class));
    }

    /** The collection that remembers the legacy flags were adopted (one document, by id). */
    static final String ADOPTED = "feedback_pending_adopted";
    private static final String ADOPTED_ID = "triagePending";

    /**
     * Items saved by a version before this collection carry the flag {@code triagePending} on the item itself: their
     * posts are marked here, and the flags cleared, once per database (one scan of the items, ever; after that, one
     * read by id), so an upgrade does not lose the posts a crash left unqueued.
     */
    void adoptLegacyFlags(Instant now) {
        if (mongo.findById(ADOPTED_ID, Document.class, ADOPTED) != null) {
            return;
        }
        Query flagged = Query.query(Criteria.where("triagePending").is(true));
        flagged.fields().include("_id", "createdAt");
        for (Document item : mongo.find(flagged, Document.class, FeedbackItem.COLLECTION)) {
            Object at = item.get("createdAt");
            mongo.save(new Pending(item.get("_id").toString(), at instanceof Date date ? date.toInstant()
                    : now));
        }
        mongo.updateMulti(flagged, new Update().set("triagePending", false),
                FeedbackItem.COLLECTION);
        mongo.save(new Document("_id", ADOPTED_ID).append("at", Date.from(now)), ADOPTED);
    }

    /** Ids of items marked before {@code before} and not done since. */
    List<String> markedBefore(Instant before) {
        return mongo.find(Query.query(Criteria.where("at").lt(before)), Pending.class).stream()
                .map(Pending::id).toList();
    }
}
