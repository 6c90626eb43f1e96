package io.opsbot.core.retention;

import io.opsbot.core.tenant.TenantRef;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Which tenants the app has left, told by the adapters: an uninstall or a revoked token ({@link #left}), a re-install
 * ({@link #returned}). Leaving twice keeps the first time, so a revocation following an uninstall does not extend the
 * retention.
 */
@Service
public class Departures {

    private final MongoTemplate mongo;

    public Departures(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public void left(TenantRef tenant, Instant at, String reason) {
        mongo.upsert(Query.query(Criteria.where("_id").is(tenant.key())), new Update().setOnInsert("tenant", tenant)
                .setOnInsert("leftAt", at).setOnInsert("reason", reason), Departure.class);
    }

    public void returned(TenantRef tenant) {
        mongo.remove(Query.query(Criteria.where("_id").is(tenant.key())), Departure.class);
    }

    public Optional<Departure> of(TenantRef tenant) {
        return Optional.ofNullable(mongo.findById(tenant.key(), Departure.class));
    }

    /** Tenants left before {@code cutoff}, longest gone first. */
    List<Departure> leftBefore(Instant cutoff) {
        return mongo.find(Query.query(Criteria.where("leftAt").lt(cutoff)).with(Sort.by("leftAt")).limit(100),
                Departure.class);
    }
}
