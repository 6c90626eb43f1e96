package io.opsbot.core.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.opsbot.core.metrics.BotMetrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;

/**
 * What operators watch of the outbox: how many messages wait to be sent (all instances together: it is one outbox)
 * and how long the oldest has waited. Read from the database at most every 15 s, whatever the scrape interval.
 */
@Component
class OutboxGauges {

    static final Duration REFRESH = Duration.ofSeconds(15);

    OutboxGauges(MongoTemplate mongo, Clock clock, ObjectProvider<MeterRegistry> registries) {
        MeterRegistry registry = registries.getIfAvailable();
        if (registry == null) {
            return;
        }
        Query pending = Query.query(Criteria.where("state").is(Delivery.State.PENDING));
        BotMetrics.cachedGauge(registry, "opsbot.outbox.backlog", "Messages waiting in the outbox to be sent", REFRESH,
                () -> mongo.count(pending, Delivery.class));
        BotMetrics.cachedGauge(registry, "opsbot.outbox.oldest.age.seconds",
                "How long the oldest waiting message has waited", REFRESH, () -> {
                    Query oldest = Query.query(Criteria.where("state").is(Delivery.State.PENDING))
                            .with(Sort.by("createdAt")).limit(1);
                    oldest.fields().include("createdAt");
                    Delivery found = mongo.findOne(oldest, Delivery.class);
                    return found == null || found.getCreatedAt() == null ? 0
                            : Math.max(0, Duration.between(found.getCreatedAt(), clock.instant()).toSeconds());
                });
    }
}
