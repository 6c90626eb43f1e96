package io.opsbot.core.testing;

import com.mongodb.client.model.Filters;
import io.opsbot.core.delivery.Delivery;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.Map;
import java.util.TreeMap;

/** How many documents each collection holds, to show that something stored nothing. */
public final class StoredDocuments {

    private StoredDocuments() {
    }

    /**
     * Documents per collection, leaving out the adapters' own bookkeeping of every request (event claims, Teams
     * conversation references) and the answers queued in the outbox (a Teams reply, kept a day), which are written
     * whatever the request says.
     */
    public static Map<String, Long> count(MongoTemplate mongo) {
        Map<String, Long> counts = new TreeMap<>();
        for (String name : mongo.getCollectionNames()) {
            if (name.equals(Delivery.COLLECTION)) {
                counts.put(name, mongo.getCollection(name).countDocuments(Filters.exists("keepUntil", false)));
            } else if (!name.equals("claims") && !name.startsWith("teams_")) {
                counts.put(name, mongo.getCollection(name).countDocuments());
            }
        }
        return counts;
    }
}
