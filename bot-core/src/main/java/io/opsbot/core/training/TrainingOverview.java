package io.opsbot.core.training;

import io.opsbot.core.tenant.TenantRef;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The read side of trainings and announcements for a report: a tenant's recent and coming trainings with their
 * answers, and its recent announcements with who acknowledged them, read by tenant and date
 * ({@code training_tenant_starts}, {@code announcement_tenant_created}).
 */
@Service
public class TrainingOverview {

    static final int LIMIT = 50;

    private final MongoTemplate mongo;
    private final Clock clock;

    public TrainingOverview(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** Trainings that started in the last {@code pastDays} days or are still to come, latest first. */
    public List<TrainingSession> sessions(TenantRef tenant, int pastDays) {
        return mongo.find(Query.query(Criteria.where("tenant").is(tenant).and("startsAt")
                        .gte(clock.instant().minus(Duration.ofDays(pastDays))))
                .with(Sort.by(Sort.Direction.DESC, "startsAt")).limit(LIMIT), TrainingSession.class);
    }

    /** Announcements of the last {@code pastDays} days, newest first. */
    public List<Announcement> announcements(TenantRef tenant, int pastDays) {
        return mongo.find(Query.query(Criteria.where("tenant").is(tenant).and("createdAt")
                        .gte(clock.instant().minus(Duration.ofDays(pastDays))))
                .with(Sort.by(Sort.Direction.DESC, "createdAt")).limit(LIMIT), Announcement.class);
    }
}
