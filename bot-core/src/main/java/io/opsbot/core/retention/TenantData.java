package io.opsbot.core.retention;

import io.opsbot.core.tenant.TenantRef;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Deletes everything stored for one tenant, in every collection, so that a feature added later is covered without
 * being listed here: every record carries its tenant ({@code tenant}, or a person's {@code user.tenant}, or a
 * message's {@code destination}), and records keyed by tenant (settings, counters, dialogs, rate limits) carry the
 * tenant's key ({@code SLACK:T0001}) in their id.
 */
@Service
public class TenantData {

    private static final Logger log = LoggerFactory.getLogger(TenantData.class);

    /** Where a record names its tenant. */
    static final List<String> TENANT_PATHS = List.of("tenant", "user.tenant", "destination.tenant",
            "destination.user.tenant", "reporter.tenant", "owner.tenant", "organizer.tenant", "partner.tenant");

    private final MongoTemplate mongo;
    private final List<KeptWhileInstalled> kept;

    public TenantData(MongoTemplate mongo, List<KeptWhileInstalled> kept) {
        this.mongo = mongo;
        this.kept = kept;
    }

    /**
     * Deletes the tenant's records everywhere; with {@code appRemoved} false (the app still works there), the
     * records that let it act there stay. Returns how many went, by collection.
     */
    public Map<String, Long> erase(TenantRef tenant, boolean appRemoved) {
        Set<String> keep = new HashSet<>();
        if (!appRemoved) {
            kept.forEach(k -> keep.addAll(k.collections()));
        }
        Query query = Query.query(matching(tenant));
        Map<String, Long> deleted = new LinkedHashMap<>();
        for (String collection : mongo.getCollectionNames()) {
            if (collection.startsWith("system.") || keep.contains(collection)) {
                continue;
            }
            long count = mongo.remove(query, collection).getDeletedCount();
            if (count > 0) {
                deleted.put(collection, count);
            }
        }
        log.info("Deleted the data of {}: {}", tenant, deleted);
        return deleted;
    }

    /** Records of the tenant in a collection: for tests and reports. */
    public long count(TenantRef tenant, String collection) {
        return mongo.count(Query.query(matching(tenant)), Document.class, collection);
    }

    static Criteria matching(TenantRef tenant) {
        List<Criteria> any = new ArrayList<>();
        for (String path : TENANT_PATHS) {
            any.add(Criteria.where(path + ".platform").is(tenant.platform().name()).and(path + ".tenantId")
                    .is(tenant.tenantId()));
        }
        // The key, not followed by more of an id: SLACK:T1 is not SLACK:T12.
        any.add(Criteria.where("_id").regex("(^|[^A-Za-z0-9])" + Pattern.quote(tenant.key()) + "($|[^A-Za-z0-9])"));
        return new Criteria().orOperator(any);
    }
}
