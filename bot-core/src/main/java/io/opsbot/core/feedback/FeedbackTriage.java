package io.opsbot.core.feedback;

import io.opsbot.core.config.CoreConfiguration;
import io.opsbot.core.messaging.DeliveryException;
import io.opsbot.core.messaging.Destination;
import io.opsbot.core.messaging.Messenger;
import io.opsbot.core.messaging.PostedMessage;
import io.opsbot.core.settings.TenantSettingsService;
import io.opsbot.core.tenant.TenantRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Posts saved items to their tenant's triage channel, off the request thread. Each attempt first leases the item in
 * MongoDB, so two instances (or a retry racing the first try) never post the same item twice; failures are retried
 * with backoff by {@link #retryDue()}, which a Quartz job calls every minute.
 */
@Component
public class FeedbackTriage {

    private static final Logger log = LoggerFactory.getLogger(FeedbackTriage.class);

    static final int MAX_ATTEMPTS = 8;
    static final Duration LEASE = Duration.ofMinutes(2);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(30);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(30);

    private final MongoTemplate mongo;
    private final Messenger messenger;
    private final TenantSettingsService settings;
    private final Executor executor;
    private final Clock clock;

    public FeedbackTriage(MongoTemplate mongo, Messenger messenger, TenantSettingsService settings,
                          @Qualifier(CoreConfiguration.OUTBOUND_EXECUTOR) Executor executor, Clock clock) {
        this.mongo = mongo;
        this.messenger = messenger;
        this.settings = settings;
        this.executor = executor;
        this.clock = clock;
    }

    /** Posts a newly saved item soon, without making the caller wait. */
    public void publish(FeedbackItem item) {
        executor.execute(() -> deliver(item.getId()));
    }

    /** Tries every item whose next attempt is due. Returns how many were tried. */
    public int retryDue() {
        Query due = Query.query(Criteria.where("triage.state").is(TriageDelivery.State.PENDING)
                        .and("triage.nextAttemptAt").lte(clock.instant()))
                .with(Sort.by("triage.nextAttemptAt")).limit(200);
        due.fields().include("_id");
        List<FeedbackItem> items = mongo.find(due, FeedbackItem.class);
        items.forEach(item -> deliver(item.getId()));
        return items.size();
    }

    /** After a tenant sets its triage channel, posts what was waiting for one. */
    public void releaseWaiting(TenantRef tenant) {
        mongo.updateMulti(Query.query(Criteria.where("tenant").is(tenant)
                        .and("triage.state").is(TriageDelivery.State.NO_CHANNEL)),
                new Update().set("triage.state", TriageDelivery.State.PENDING)
                        .set("triage.nextAttemptAt", clock.instant()),
                FeedbackItem.class);
        executor.execute(this::retryDue);
    }

    /** Re-renders the posted triage card after a change made elsewhere (a status typed as text). */
    public void refresh(FeedbackItem item) {
        PostedMessage posted = item.getTriage() == null ? null : item.getTriage().posted();
        if (posted == null) {
            return;
        }
        executor.execute(() -> {
            try {
                messenger.update(posted, FeedbackCards.triageCard(item));
            } catch (RuntimeException e) {
                log.warn("Could not refresh the triage card of {}: {}", item.reference(), e.getMessage());
            }
        });
    }

    /** One attempt for one item; does nothing if the item is not due or another attempt holds it. */
    public void deliver(String itemId) {
        Instant now = clock.instant();
        FeedbackItem item = lease(itemId, now);
        if (item == null) {
            return;
        }
        Optional<Destination.Channel> channel = settings.triageChannel(item.getTenant());
        if (channel.isEmpty()) {
            finish(itemId, new Update().set("triage.state", TriageDelivery.State.NO_CHANNEL));
            return;
        }
        try {
            PostedMessage posted = messenger.send(channel.get(), FeedbackCards.triageCard(item));
            finish(itemId, new Update().set("triage.state", TriageDelivery.State.POSTED)
                    .set("triage.posted", posted).unset("triage.lastError"));
        } catch (DeliveryException e) {
            failed(item, e.retryable(), e.retryAfter(), e.getMessage(), now);
        } catch (RuntimeException e) {
            log.error("Unexpected failure posting {} to triage", item.reference(), e);
            failed(item, true, null, e.getClass().getSimpleName(), now);
        }
    }

    private FeedbackItem lease(String itemId, Instant now) {
        Criteria free = new Criteria().orOperator(Criteria.where("triage.leaseUntil").is(null),
                Criteria.where("triage.leaseUntil").lt(now));
        Query query = Query.query(Criteria.where("_id").is(itemId)
                .and("triage.state").is(TriageDelivery.State.PENDING)
                .and("triage.nextAttemptAt").lte(now)).addCriteria(free);
        return mongo.findAndModify(query,
                new Update().set("triage.leaseUntil", now.plus(LEASE)).inc("triage.attempts", 1),
                FindAndModifyOptions.options().returnNew(true), FeedbackItem.class);
    }

    private void failed(FeedbackItem item, boolean retryable, Duration retryAfter, String error, Instant now) {
        int attempts = item.getTriage().attempts();
        if (retryable && attempts < MAX_ATTEMPTS) {
            Duration wait = retryAfter != null ? retryAfter : backoff(attempts);
            log.warn("Posting {} to triage failed (attempt {}): {}; next try in {}", item.reference(), attempts,
                    error, wait);
            finish(item.getId(), new Update().set("triage.state", TriageDelivery.State.PENDING)
                    .set("triage.nextAttemptAt", now.plus(wait)).set("triage.lastError", error));
        } else {
            log.error("Giving up posting {} to triage after {} attempt(s): {}", item.reference(), attempts, error);
            finish(item.getId(), new Update().set("triage.state", TriageDelivery.State.FAILED)
                    .set("triage.lastError", error));
        }
    }

    static Duration backoff(int attempts) {
        Duration wait = FIRST_BACKOFF.multipliedBy(1L << Math.min(attempts - 1, 10));
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    private void finish(String itemId, Update update) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(itemId)), update.unset("triage.leaseUntil"),
                FeedbackItem.class);
    }
}
