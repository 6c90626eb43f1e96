package io.opsbot.core.feedback;

import io.opsbot.core.delivery.Delivery;
import io.opsbot.core.delivery.Outbox;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.settings.TenantSettingsService;
import io.opsbot.core.tenant.TenantRef;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * Posts saved items to their tenant's triage channel through the {@link Outbox} (one post per item, retried until it
 * goes out). Items captured while a tenant has no triage channel wait, flagged, and are posted once one is chosen.
 */
@Component
public class FeedbackTriage {

    private final FeedbackRepository repository;
    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final TenantSettingsService settings;

    public FeedbackTriage(FeedbackRepository repository, MongoTemplate mongo, Outbox outbox, TenantSettingsService settings) {
        this.repository = repository;
        this.mongo = mongo;
        this.outbox = outbox;
        this.settings = settings;
    }

    static String key(FeedbackItem item) {
        return "feedback-triage:" + item.getId();
    }

    /** Posts a newly saved item soon, without making the caller wait; or flags it until a channel is set. */
    public void publish(FeedbackItem item) {
        Optional<Destination.Channel> channel = settings.triageChannel(item.getTenant());
        if (channel.isPresent()) {
            outbox.enqueue(key(item), channel.get(), FeedbackCards.triageCard(item), null);
        } else {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(item.getId())),
                    new Update().set("awaitingTriageChannel", true), FeedbackItem.class);
        }
    }

    /** After a tenant sets its triage channel, posts what was waiting for one. */
    public void releaseWaiting(TenantRef tenant) {
        List<FeedbackItem> waiting = repository.findByTenantAndAwaitingTriageChannelTrue(tenant);
        for (FeedbackItem item : waiting) {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(item.getId())),
                    new Update().unset("awaitingTriageChannel"), FeedbackItem.class);
            publish(item);
        }
    }

    /** Re-renders the posted triage card after a change made elsewhere (a status typed as text). */
    public void refresh(FeedbackItem item) {
        outbox.update(key(item), FeedbackCards.triageCard(item));
    }

    /** Where the item's triage post stands, if one was queued. */
    public Optional<Delivery> delivery(FeedbackItem item) {
        return outbox.find(key(item));
    }
}
